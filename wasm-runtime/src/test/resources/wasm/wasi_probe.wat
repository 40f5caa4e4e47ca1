;; A WASI preview 1 reactor that probes its sandbox. library_call looks at the first input byte;
;; for the file operations the rest of the input is a path handed unchanged to the first
;; preopened directory (fd 3), so the host, not a libc, decides what is reachable.
;;   R path  open for reading (following symlinks), reply "data:" ++ first 4 KiB, or "errno:N"
;;   W path  create/truncate for writing and write "pwned"; reply "written" or "errno:N"
;;   K path  unlink;   M path  create a directory;   reply "done" or "errno:N"
;;   E       reply "env:" ++ the environ block (NUL-terminated "KEY=value" strings)
;;   A       reply "args:" ++ the argument block (NUL-terminated strings)
;;   P       reply "pre:" ++ the name of preopen fd 3, or "errno:N"
;;   D       reply "dir:" ++ the raw fd_readdir buffer of fd 3, or "errno:N"
;;   O       write a line to stdout and one to stderr; reply "printed"
;;   V       write 1000 lines to stdout; reply "printed"
;;   X       proc_exit(3)
;; library_check replies "ok". _initialize counts its calls.
(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_create_directory"
    (func $path_create_directory (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $args_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name"
    (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  (memory (export "memory") 1)
  ;; scratch: 0 iovec, 8 nread/nwritten, 12 opened fd, 16 count, 20 size, 24 prestat, 200 digits
  (data (i32.const 64) "hello stdout\n")
  (data (i32.const 80) "hello stderr\n")
  (data (i32.const 96) "errno:")
  (data (i32.const 104) "data:")
  (data (i32.const 112) "env:")
  (data (i32.const 120) "args:")
  (data (i32.const 128) "pre:")
  (data (i32.const 136) "written")
  (data (i32.const 144) "printed")
  (data (i32.const 152) "dir:")
  (data (i32.const 160) "pwned")
  (data (i32.const 168) "done")
  (data (i32.const 176) "ok")
  (global $heap (mut i32) (i32.const 4096))
  (global $inits (mut i32) (i32.const 0))

  (func $alloc (export "alloc") (param $n i32) (result i32)
    (local $p i32) (local $end i32)
    (local.set $p (global.get $heap))
    (local.set $end
      (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (block $done
      (loop $grow
        (br_if $done (i32.le_u (local.get $end) (i32.shl (memory.size) (i32.const 16))))
        (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then (unreachable)))
        (br $grow)))
    (global.set $heap (local.get $end))
    (local.get $p))

  (func (export "_initialize")
    (global.set $inits (i32.add (global.get $inits) (i32.const 1))))

  ;; a fresh allocation holding prefix ++ bytes
  (func $reply (param $pre i32) (param $prelen i32) (param $p i32) (param $n i32) (result i32 i32)
    (local $out i32)
    (local.set $out (call $alloc (i32.add (local.get $prelen) (local.get $n))))
    (memory.copy (local.get $out) (local.get $pre) (local.get $prelen))
    (memory.copy (i32.add (local.get $out) (local.get $prelen)) (local.get $p) (local.get $n))
    (local.get $out)
    (i32.add (local.get $prelen) (local.get $n)))

  ;; "errno:" ++ decimal
  (func $errno (param $e i32) (result i32 i32)
    (local $k i32)
    (local.set $k (i32.const 216))
    (loop $emit
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 (local.get $k) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
      (local.set $e (i32.div_u (local.get $e) (i32.const 10)))
      (br_if $emit (i32.ne (local.get $e) (i32.const 0))))
    (call $reply (i32.const 96) (i32.const 6) (local.get $k) (i32.sub (i32.const 216) (local.get $k))))

  (func $write (param $fd i32) (param $p i32) (param $n i32) (result i32)
    (i32.store (i32.const 0) (local.get $p))
    (i32.store (i32.const 4) (local.get $n))
    (call $fd_write (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (local $op i32) (local $path i32) (local $plen i32) (local $e i32) (local $buf i32) (local $k i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 176) (i32.const 2))))
    (local.set $op (i32.load8_u (local.get $p)))
    (local.set $path (i32.add (local.get $p) (i32.const 1)))
    (local.set $plen (i32.sub (local.get $n) (i32.const 1)))

    (if (i32.eq (local.get $op) (i32.const 82)) ;; R
      (then
        ;; dirflags 1 = symlink_follow; rights 2 = fd_read
        (local.set $e (call $path_open (i32.const 3) (i32.const 1) (local.get $path) (local.get $plen)
                        (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 12)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (local.set $buf (call $alloc (i32.const 4096)))
        (i32.store (i32.const 0) (local.get $buf))
        (i32.store (i32.const 4) (i32.const 4096))
        (local.set $e (call $fd_read (i32.load (i32.const 12)) (i32.const 0) (i32.const 1) (i32.const 8)))
        (drop (call $fd_close (i32.load (i32.const 12))))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (call $reply (i32.const 104) (i32.const 5) (local.get $buf) (i32.load (i32.const 8))))))

    (if (i32.eq (local.get $op) (i32.const 87)) ;; W
      (then
        ;; oflags 1|8 = creat|trunc; rights 64 = fd_write
        (local.set $e (call $path_open (i32.const 3) (i32.const 1) (local.get $path) (local.get $plen)
                        (i32.const 9) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 12)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (local.set $e (call $write (i32.load (i32.const 12)) (i32.const 160) (i32.const 5)))
        (drop (call $fd_close (i32.load (i32.const 12))))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (i32.const 136) (i32.const 7))))

    (if (i32.eq (local.get $op) (i32.const 75)) ;; K
      (then
        (local.set $e (call $path_unlink_file (i32.const 3) (local.get $path) (local.get $plen)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (i32.const 168) (i32.const 4))))

    (if (i32.eq (local.get $op) (i32.const 77)) ;; M
      (then
        (local.set $e (call $path_create_directory (i32.const 3) (local.get $path) (local.get $plen)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (i32.const 168) (i32.const 4))))

    (if (i32.eq (local.get $op) (i32.const 69)) ;; E
      (then
        (local.set $e (call $environ_sizes_get (i32.const 16) (i32.const 20)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (local.set $k (call $alloc (i32.add (i32.shl (i32.load (i32.const 16)) (i32.const 2)) (i32.const 4))))
        (local.set $buf (call $alloc (i32.add (i32.load (i32.const 20)) (i32.const 1))))
        (local.set $e (call $environ_get (local.get $k) (local.get $buf)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (call $reply (i32.const 112) (i32.const 4) (local.get $buf) (i32.load (i32.const 20))))))

    (if (i32.eq (local.get $op) (i32.const 65)) ;; A
      (then
        (local.set $e (call $args_sizes_get (i32.const 16) (i32.const 20)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (local.set $k (call $alloc (i32.add (i32.shl (i32.load (i32.const 16)) (i32.const 2)) (i32.const 4))))
        (local.set $buf (call $alloc (i32.add (i32.load (i32.const 20)) (i32.const 1))))
        (local.set $e (call $args_get (local.get $k) (local.get $buf)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (call $reply (i32.const 120) (i32.const 5) (local.get $buf) (i32.load (i32.const 20))))))

    (if (i32.eq (local.get $op) (i32.const 80)) ;; P
      (then
        (local.set $e (call $fd_prestat_get (i32.const 3) (i32.const 24)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (local.set $buf (call $alloc (i32.load (i32.const 28))))
        (local.set $e (call $fd_prestat_dir_name (i32.const 3) (local.get $buf) (i32.load (i32.const 28))))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (call $reply (i32.const 128) (i32.const 4) (local.get $buf) (i32.load (i32.const 28))))))

    (if (i32.eq (local.get $op) (i32.const 68)) ;; D
      (then
        (local.set $buf (call $alloc (i32.const 4096)))
        (local.set $e (call $fd_readdir (i32.const 3) (local.get $buf) (i32.const 4096) (i64.const 0) (i32.const 8)))
        (if (local.get $e) (then (return (call $errno (local.get $e)))))
        (return (call $reply (i32.const 152) (i32.const 4) (local.get $buf) (i32.load (i32.const 8))))))

    (if (i32.eq (local.get $op) (i32.const 79)) ;; O
      (then
        (drop (call $write (i32.const 1) (i32.const 64) (i32.const 13)))
        (drop (call $write (i32.const 2) (i32.const 80) (i32.const 13)))
        (return (i32.const 144) (i32.const 7))))

    (if (i32.eq (local.get $op) (i32.const 86)) ;; V
      (then
        (local.set $k (i32.const 1000))
        (loop $lines
          (drop (call $write (i32.const 1) (i32.const 64) (i32.const 13)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br_if $lines (local.get $k)))
        (return (i32.const 144) (i32.const 7))))

    (if (i32.eq (local.get $op) (i32.const 88)) ;; X
      (then (call $proc_exit (i32.const 3)) (unreachable)))

    (i32.const 176) (i32.const 2))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (i32.const 176) (i32.const 2)))

;; A WASI preview 1 reactor that lists one folder of the first preopen (fd 3) the way the C sample
;; plugin walks a folder: fd_readdir with a 64 KiB buffer, then path_filestat_get (not following
;; symlinks) on "folder/name" for every entry but "." and "..".
;; library_call's input is the folder, relative to the preopen ("." for the workspace itself).
;; The reply is one record per entry, each padded to a multiple of 8 bytes:
;;   u8 filetype (255 when the stat failed), u64 size (the errno when it failed), u32 name length, name
;; or "errno:N" when the folder cannot be opened or read. library_check replies "ok".
(module
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))

  (memory (export "memory") 1)
  ;; scratch: 8 used, 12 opened fd, 200 digits
  (data (i32.const 96) "errno:")
  (data (i32.const 176) "ok")
  (global $heap (mut i32) (i32.const 4096))

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

  (func (export "_initialize"))

  ;; "errno:" ++ decimal, in a fresh allocation
  (func $errno (param $e i32) (result i32 i32)
    (local $k i32) (local $out i32) (local $n i32)
    (local.set $k (i32.const 216))
    (loop $emit
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 (local.get $k) (i32.add (i32.const 48) (i32.rem_u (local.get $e) (i32.const 10))))
      (local.set $e (i32.div_u (local.get $e) (i32.const 10)))
      (br_if $emit (i32.ne (local.get $e) (i32.const 0))))
    (local.set $n (i32.sub (i32.const 216) (local.get $k)))
    (local.set $out (call $alloc (i32.add (i32.const 6) (local.get $n))))
    (memory.copy (local.get $out) (i32.const 96) (i32.const 6))
    (memory.copy (i32.add (local.get $out) (i32.const 6)) (local.get $k) (local.get $n))
    (local.get $out)
    (i32.add (i32.const 6) (local.get $n)))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (local $e i32) (local $fd i32) (local $buf i32) (local $stat i32) (local $path i32) (local $out i32)
    (local $cookie i64) (local $used i32) (local $off i32) (local $namlen i32) (local $name i32)
    (local $rec i32) (local $plen i32) (local $progressed i32)
    ;; dirflags 0; oflags 2 = directory; rights fd_read | fd_readdir
    (local.set $e (call $path_open (i32.const 3) (i32.const 0) (local.get $p) (local.get $n)
                    (i32.const 2) (i64.const 16386) (i64.const 16386) (i32.const 0) (i32.const 12)))
    (if (local.get $e) (then (return (call $errno (local.get $e)))))
    (local.set $fd (i32.load (i32.const 12)))
    (local.set $buf (call $alloc (i32.const 65536)))
    (local.set $stat (call $alloc (i32.const 64)))
    (local.set $path (call $alloc (i32.const 4096)))
    ;; "folder/" prefix of every child path
    (memory.copy (local.get $path) (local.get $p) (local.get $n))
    (i32.store8 (i32.add (local.get $path) (local.get $n)) (i32.const 47))
    (local.set $out (global.get $heap))
    (block $end
      (loop $page
        (local.set $e (call $fd_readdir (local.get $fd) (local.get $buf) (i32.const 65536)
                        (local.get $cookie) (i32.const 8)))
        (if (local.get $e)
          (then (drop (call $fd_close (local.get $fd))) (return (call $errno (local.get $e)))))
        (local.set $used (i32.load (i32.const 8)))
        (local.set $off (i32.const 0))
        (local.set $progressed (i32.const 0))
        (block $pagedone
          (loop $entry
            (br_if $pagedone (i32.gt_u (i32.add (local.get $off) (i32.const 24)) (local.get $used)))
            (local.set $namlen (i32.load (i32.add (i32.add (local.get $buf) (local.get $off)) (i32.const 16))))
            (br_if $pagedone (i32.gt_u (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen))
                                       (local.get $used)))
            (local.set $name (i32.add (i32.add (local.get $buf) (local.get $off)) (i32.const 24)))
            (local.set $cookie (i64.load (i32.add (local.get $buf) (local.get $off))))
            (local.set $off (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen)))
            (local.set $progressed (i32.const 1))
            ;; skip "." and ".."
            (if (i32.and (i32.eq (local.get $namlen) (i32.const 1))
                         (i32.eq (i32.load8_u (local.get $name)) (i32.const 46)))
              (then (br $entry)))
            (if (i32.and (i32.eq (local.get $namlen) (i32.const 2))
                         (i32.eq (i32.load16_u (local.get $name)) (i32.const 11822)))
              (then (br $entry)))
            (memory.copy (i32.add (i32.add (local.get $path) (local.get $n)) (i32.const 1))
                         (local.get $name) (local.get $namlen))
            (local.set $plen (i32.add (i32.add (local.get $n) (i32.const 1)) (local.get $namlen)))
            (local.set $rec (call $alloc (i32.add (i32.const 13) (local.get $namlen))))
            (local.set $e (call $path_filestat_get (i32.const 3) (i32.const 0) (local.get $path) (local.get $plen)
                            (local.get $stat)))
            (if (local.get $e)
              (then
                (i32.store8 (local.get $rec) (i32.const 255))
                (i64.store (i32.add (local.get $rec) (i32.const 1)) (i64.extend_i32_u (local.get $e))))
              (else
                (i32.store8 (local.get $rec) (i32.load8_u (i32.add (local.get $stat) (i32.const 16))))
                (i64.store (i32.add (local.get $rec) (i32.const 1))
                           (i64.load (i32.add (local.get $stat) (i32.const 32))))))
            (i32.store (i32.add (local.get $rec) (i32.const 9)) (local.get $namlen))
            (memory.copy (i32.add (local.get $rec) (i32.const 13)) (local.get $name) (local.get $namlen))
            (br $entry)))
        (br_if $end (i32.lt_u (local.get $used) (i32.const 65536)))
        (br_if $end (i32.eqz (local.get $progressed)))
        (br $page)))
    (drop (call $fd_close (local.get $fd)))
    (local.get $out)
    (i32.sub (global.get $heap) (local.get $out)))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (i32.const 176) (i32.const 2)))

;; The `sample` library as a WASM plugin written by hand in the WebAssembly text format: the same answers as the
;; other builds of `sample` (../README.md). Build: ./build.sh (wat2wasm from wabt; the built sample.wasm is committed).
;;
;; ABI (docs/PLUGINS.md): exports memory, alloc, dealloc, library_call and library_check (the packed shape,
;; (ptr, len) -> i64: the reply's length in the high half, its address in the low half), library_metadata and
;; library_doc. The selector reads the workspace through WASI preview 1 (the host mounts it read-only at its own
;; absolute path when hielements.toml grants filesystem = ["read"]).
;;
;; Memory: a bump allocator from 64 KiB up. alloc() marks the start of a call (the host allocates the request first);
;; when the host deallocates the reply, the heap goes back to that mark, so an instance never grows across calls.
;; The constant texts are data segments from 1024 up, at the end of this file; each use names its text in a comment.
;;
;; A JSON value of the request is parsed into a node of 48 bytes:
;;   0 kind (0 null, 1 false, 2 true, 3 number, 4 string, 5 array, 6 object)   4 is_int (a number that fits an i64)
;;   8 the integer (i64)   16 string ptr   20 string len   24 key ptr   28 key len   32 first child   36 next sibling
;;   40 number of children
;; A growing output buffer is 12 bytes: ptr, len, cap. A list of texts is 12 bytes: items (8 bytes each: ptr, len),
;; len, cap.
(module
  (import "wasi_snapshot_preview1" "fd_prestat_get" (func $fd_prestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $fd_prestat_dir_name (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open"
    (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get"
    (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_close" (func $fd_close (param i32) (result i32)))

  (memory (export "memory") 2)

  (global $top (mut i32) (i32.const 65536))   ;; the next free byte
  (global $mark (mut i32) (i32.const 0))      ;; where the current call began
  (global $reply (mut i32) (i32.const 0))     ;; the current reply
  ;; the parser
  (global $pp (mut i32) (i32.const 0))
  (global $pe (mut i32) (i32.const 0))
  (global $bad (mut i32) (i32.const 0))
  ;; the last string read (parser, arguments)
  (global $sp (mut i32) (i32.const 0))
  (global $sl (mut i32) (i32.const 0))
  ;; the last integer argument read
  (global $iv (mut i64) (i64.const 0))
  ;; the current call: its function's name, arguments and workspace
  (global $fp (mut i32) (i32.const 0))
  (global $fl (mut i32) (i32.const 0))
  (global $args (mut i32) (i32.const 0))
  (global $wp (mut i32) (i32.const 0))
  (global $wl (mut i32) (i32.const 0))

  ;; ------------------------------------------------------------------ memory

  (func $raw (param $n i32) (result i32)
    (local $p i32) (local $end i32) (local $have i32)
    (local.set $p (global.get $top))
    (if (i32.eqz (local.get $n)) (then (local.set $n (i32.const 1))))
    (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (if (i32.lt_u (local.get $end) (local.get $p)) (then unreachable))
    (local.set $have (i32.shl (memory.size) (i32.const 16)))
    (if (i32.gt_u (local.get $end) (local.get $have))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.add (i32.sub (local.get $end) (local.get $have)) (i32.const 65535))
                                            (i32.const 16)))
                    (i32.const -1))
          (then unreachable))))
    (global.set $top (local.get $end))
    (local.get $p))

  (func (export "alloc") (param $n i32) (result i32)
    (local $p i32)
    (local.set $p (call $raw (local.get $n)))
    (global.set $mark (local.get $p))
    (global.set $reply (i32.const 0))
    (local.get $p))

  (func (export "dealloc") (param $p i32) (param $n i32)
    (if (i32.and (i32.eq (local.get $p) (global.get $reply)) (i32.ne (global.get $mark) (i32.const 0)))
      (then
        (global.set $top (global.get $mark))
        (global.set $mark (i32.const 0))
        (global.set $reply (i32.const 0)))))

  ;; whether the a.len bytes at a equal the b.len bytes at b
  (func $eq (param $a i32) (param $al i32) (param $b i32) (param $bl i32) (result i32)
    (local $i i32)
    (if (i32.ne (local.get $al) (local.get $bl)) (then (return (i32.const 0))))
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $al)))
        (if (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i)))
                    (i32.load8_u (i32.add (local.get $b) (local.get $i))))
          (then (return (i32.const 0))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.const 1))

  ;; byte order (UTF-8 keeps the order of code points): <0, 0, >0
  (func $cmp (param $a i32) (param $al i32) (param $b i32) (param $bl i32) (result i32)
    (local $i i32) (local $n i32) (local $x i32) (local $y i32)
    (local.set $n (select (local.get $al) (local.get $bl) (i32.lt_u (local.get $al) (local.get $bl))))
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $x (i32.load8_u (i32.add (local.get $a) (local.get $i))))
        (local.set $y (i32.load8_u (i32.add (local.get $b) (local.get $i))))
        (if (i32.ne (local.get $x) (local.get $y)) (then (return (i32.sub (local.get $x) (local.get $y)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (i32.sub (local.get $al) (local.get $bl)))

  ;; ------------------------------------------------------------------ output buffers

  (func $buf (result i32)
    (local $b i32)
    (local.set $b (call $raw (i32.const 12)))
    (i32.store (local.get $b) (i32.const 0))
    (i32.store offset=4 (local.get $b) (i32.const 0))
    (i32.store offset=8 (local.get $b) (i32.const 0))
    (local.get $b))

  (func $reserve (param $b i32) (param $n i32)
    (local $need i32) (local $cap i32) (local $np i32)
    (local.set $need (i32.add (i32.load offset=4 (local.get $b)) (local.get $n)))
    (local.set $cap (i32.load offset=8 (local.get $b)))
    (if (i32.le_u (local.get $need) (local.get $cap)) (then (return)))
    ;; the last block of the heap grows in place
    (if (i32.and (i32.ne (local.get $cap) (i32.const 0))
                 (i32.eq (i32.add (i32.load (local.get $b)) (local.get $cap)) (global.get $top)))
      (then
        (global.set $top (i32.load (local.get $b)))
        (drop (call $raw (local.tee $cap (i32.shl (local.get $need) (i32.const 1)))))
        (i32.store offset=8 (local.get $b) (local.get $cap))
        (return)))
    (if (i32.eqz (local.get $cap)) (then (local.set $cap (i32.const 256))))
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $cap) (local.get $need)))
        (local.set $cap (i32.shl (local.get $cap) (i32.const 1)))
        (br $l)))
    (local.set $np (call $raw (local.get $cap)))
    (memory.copy (local.get $np) (i32.load (local.get $b)) (i32.load offset=4 (local.get $b)))
    (i32.store (local.get $b) (local.get $np))
    (i32.store offset=8 (local.get $b) (local.get $cap)))

  (func $put (param $b i32) (param $p i32) (param $n i32)
    (call $reserve (local.get $b) (local.get $n))
    (memory.copy (i32.add (i32.load (local.get $b)) (i32.load offset=4 (local.get $b))) (local.get $p) (local.get $n))
    (i32.store offset=4 (local.get $b) (i32.add (i32.load offset=4 (local.get $b)) (local.get $n))))

  (func $putc (param $b i32) (param $c i32)
    (call $reserve (local.get $b) (i32.const 1))
    (i32.store8 (i32.add (i32.load (local.get $b)) (i32.load offset=4 (local.get $b))) (local.get $c))
    (i32.store offset=4 (local.get $b) (i32.add (i32.load offset=4 (local.get $b)) (i32.const 1))))

  (func $put_int (param $b i32) (param $v i64)
    (local $u i64) (local $t i32) (local $n i32)
    (local.set $t (call $raw (i32.const 24)))
    (local.set $u (local.get $v))
    (if (i64.lt_s (local.get $v) (i64.const 0))
      (then
        (call $putc (local.get $b) (i32.const 45)) ;; '-'
        (local.set $u (i64.sub (i64.const 0) (local.get $v))))) ;; the magnitude, as unsigned (MIN stays 2^63)
    (loop $l
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (i32.store8 (i32.sub (i32.add (local.get $t) (i32.const 24)) (local.get $n))
                  (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $u) (i64.const 10)))))
      (local.set $u (i64.div_u (local.get $u) (i64.const 10)))
      (br_if $l (i64.ne (local.get $u) (i64.const 0))))
    (call $put (local.get $b) (i32.sub (i32.add (local.get $t) (i32.const 24)) (local.get $n)) (local.get $n)))

  ;; the n bytes at p as a JSON string literal: '"' and '\' escaped, control characters as \u00XX
  (func $put_json (param $b i32) (param $p i32) (param $n i32)
    (local $i i32) (local $run i32) (local $c i32)
    (call $putc (local.get $b) (i32.const 34))
    (block $out
      (loop $l
        (local.set $run (local.get $i))
        (block $stop
          (loop $scan
            (br_if $stop (i32.ge_u (local.get $run) (local.get $n)))
            (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $run))))
            (br_if $stop (i32.or (i32.lt_u (local.get $c) (i32.const 32))
                                 (i32.or (i32.eq (local.get $c) (i32.const 34)) (i32.eq (local.get $c) (i32.const 92)))))
            (local.set $run (i32.add (local.get $run) (i32.const 1)))
            (br $scan)))
        (call $put (local.get $b) (i32.add (local.get $p) (local.get $i)) (i32.sub (local.get $run) (local.get $i)))
        (local.set $i (local.get $run))
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $c (i32.load8_u (i32.add (local.get $p) (local.get $i))))
        (if (i32.lt_u (local.get $c) (i32.const 32))
          (then
            (call $putc (local.get $b) (i32.const 92))
            (call $putc (local.get $b) (i32.const 117))
            (call $putc (local.get $b) (i32.const 48))
            (call $putc (local.get $b) (i32.const 48))
            (call $putc (local.get $b) (i32.add (i32.const 48) (i32.shr_u (local.get $c) (i32.const 4))))
            (call $putc (local.get $b) (call $hexdigit (i32.and (local.get $c) (i32.const 15)))))
          (else
            (call $putc (local.get $b) (i32.const 92))
            (call $putc (local.get $b) (local.get $c))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (call $putc (local.get $b) (i32.const 34)))

  (func $hexdigit (param $d i32) (result i32)
    (select (i32.add (i32.const 48) (local.get $d)) (i32.add (i32.const 87) (local.get $d))
            (i32.lt_u (local.get $d) (i32.const 10))))

  (func $put_utf8 (param $b i32) (param $cp i32)
    (if (i32.lt_u (local.get $cp) (i32.const 0x80)) (then (call $putc (local.get $b) (local.get $cp)) (return)))
    (if (i32.lt_u (local.get $cp) (i32.const 0x800))
      (then
        (call $putc (local.get $b) (i32.or (i32.const 0xC0) (i32.shr_u (local.get $cp) (i32.const 6))))
        (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 63))))
        (return)))
    (if (i32.lt_u (local.get $cp) (i32.const 0x10000))
      (then
        (call $putc (local.get $b) (i32.or (i32.const 0xE0) (i32.shr_u (local.get $cp) (i32.const 12))))
        (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6))
                                                                     (i32.const 63))))
        (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 63))))
        (return)))
    (call $putc (local.get $b) (i32.or (i32.const 0xF0) (i32.shr_u (local.get $cp) (i32.const 18))))
    (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 12))
                                                                 (i32.const 63))))
    (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (i32.shr_u (local.get $cp) (i32.const 6))
                                                                 (i32.const 63))))
    (call $putc (local.get $b) (i32.or (i32.const 0x80) (i32.and (local.get $cp) (i32.const 63)))))

  ;; ------------------------------------------------------------------ the JSON reader

  (func $ws
    (local $c i32)
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (global.get $pp) (global.get $pe)))
        (local.set $c (i32.load8_u (global.get $pp)))
        (br_if $out (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 32)) (i32.eq (local.get $c) (i32.const 10)))
                                     (i32.or (i32.eq (local.get $c) (i32.const 13)) (i32.eq (local.get $c) (i32.const 9))))))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (br $l))))

  ;; four hex digits at the parser's position; -1 when they are not
  (func $hex4 (result i32)
    (local $v i32) (local $i i32) (local $c i32)
    (if (i32.lt_s (i32.sub (global.get $pe) (global.get $pp)) (i32.const 4)) (then (return (i32.const -1))))
    (loop $l
      (local.set $c (i32.load8_u (global.get $pp)))
      (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
      (local.set $v (i32.shl (local.get $v) (i32.const 4)))
      (if (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57)))
        (then (local.set $v (i32.or (local.get $v) (i32.sub (local.get $c) (i32.const 48)))))
        (else
          (local.set $c (i32.or (local.get $c) (i32.const 32))) ;; lower case
          (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 102)))
            (then (local.set $v (i32.or (local.get $v) (i32.sub (local.get $c) (i32.const 87)))))
            (else (return (i32.const -1))))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get $i) (i32.const 4))))
    (local.get $v))

  ;; The string at the parser's position (its opening quote): its decoded bytes in $sp/$sl, in place when it has no
  ;; escape. 0 when it is not a well-formed string.
  (func $string (result i32)
    (local $start i32) (local $c i32) (local $b i32) (local $cp i32) (local $lo i32)
    (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
    (local.set $start (global.get $pp))
    (block $special
      (loop $l
        (br_if $special (i32.ge_u (global.get $pp) (global.get $pe)))
        (local.set $c (i32.load8_u (global.get $pp)))
        (br_if $special (i32.or (i32.eq (local.get $c) (i32.const 34))
                                (i32.or (i32.eq (local.get $c) (i32.const 92)) (i32.lt_u (local.get $c) (i32.const 32)))))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (br $l)))
    (if (i32.and (i32.lt_u (global.get $pp) (global.get $pe)) (i32.eq (local.get $c) (i32.const 34)))
      (then
        (global.set $sp (local.get $start))
        (global.set $sl (i32.sub (global.get $pp) (local.get $start)))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (return (i32.const 1))))
    ;; an escape: decoded into a buffer
    (local.set $b (call $buf))
    (call $put (local.get $b) (local.get $start) (i32.sub (global.get $pp) (local.get $start)))
    (block $done
      (loop $l
        (if (i32.ge_u (global.get $pp) (global.get $pe)) (then (return (i32.const 0))))
        (local.set $c (i32.load8_u (global.get $pp)))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (br_if $done (i32.eq (local.get $c) (i32.const 34)))
        (if (i32.lt_u (local.get $c) (i32.const 32)) (then (return (i32.const 0))))
        (if (i32.ne (local.get $c) (i32.const 92))
          (then (call $putc (local.get $b) (local.get $c)) (br $l)))
        (if (i32.ge_u (global.get $pp) (global.get $pe)) (then (return (i32.const 0))))
        (local.set $c (i32.load8_u (global.get $pp)))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (block $esc
          (if (i32.or (i32.eq (local.get $c) (i32.const 34))
                      (i32.or (i32.eq (local.get $c) (i32.const 92)) (i32.eq (local.get $c) (i32.const 47))))
            (then (call $putc (local.get $b) (local.get $c)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 98)) (then (call $putc (local.get $b) (i32.const 8)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 102)) (then (call $putc (local.get $b) (i32.const 12)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 110)) (then (call $putc (local.get $b) (i32.const 10)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 114)) (then (call $putc (local.get $b) (i32.const 13)) (br $esc)))
          (if (i32.eq (local.get $c) (i32.const 116)) (then (call $putc (local.get $b) (i32.const 9)) (br $esc)))
          (if (i32.ne (local.get $c) (i32.const 117)) (then (return (i32.const 0))))
          (local.set $cp (call $hex4))
          (if (i32.lt_s (local.get $cp) (i32.const 0)) (then (return (i32.const 0))))
          ;; a high surrogate followed by a low one is one code point
          (if (i32.and (i32.and (i32.ge_u (local.get $cp) (i32.const 0xD800)) (i32.lt_u (local.get $cp) (i32.const 0xDC00)))
                       (i32.and (i32.ge_s (i32.sub (global.get $pe) (global.get $pp)) (i32.const 6))
                                (i32.and (i32.eq (i32.load8_u (global.get $pp)) (i32.const 92))
                                         (i32.eq (i32.load8_u offset=1 (global.get $pp)) (i32.const 117)))))
            (then
              (global.set $pp (i32.add (global.get $pp) (i32.const 2)))
              (local.set $lo (call $hex4))
              (if (i32.lt_s (local.get $lo) (i32.const 0)) (then (return (i32.const 0))))
              (if (i32.and (i32.ge_u (local.get $lo) (i32.const 0xDC00)) (i32.lt_u (local.get $lo) (i32.const 0xE000)))
                (then
                  (local.set $cp (i32.add (i32.const 0x10000)
                                          (i32.or (i32.shl (i32.sub (local.get $cp) (i32.const 0xD800)) (i32.const 10))
                                                  (i32.sub (local.get $lo) (i32.const 0xDC00))))))
                (else
                  (call $put_utf8 (local.get $b) (i32.const 0xFFFD))
                  (local.set $cp (local.get $lo))))))
          (call $put_utf8 (local.get $b) (local.get $cp)))
        (br $l)))
    (global.set $sp (i32.load (local.get $b)))
    (global.set $sl (i32.load offset=4 (local.get $b)))
    (i32.const 1))

  (func $node (param $kind i32) (result i32)
    (local $v i32)
    (local.set $v (call $raw (i32.const 48)))
    (memory.fill (local.get $v) (i32.const 0) (i32.const 48))
    (i32.store (local.get $v) (local.get $kind))
    (local.get $v))

  ;; whether the word (its bytes at w, n of them) is at the parser's position; consumed when it is
  (func $literal (param $w i32) (param $n i32) (result i32)
    (if (i32.lt_s (i32.sub (global.get $pe) (global.get $pp)) (local.get $n)) (then (return (i32.const 0))))
    (if (i32.eqz (call $eq (global.get $pp) (local.get $n) (local.get $w) (local.get $n))) (then (return (i32.const 0))))
    (global.set $pp (i32.add (global.get $pp) (local.get $n)))
    (i32.const 1))

  ;; One JSON value; 0 (and $bad set) when the text is not JSON.
  (func $value (param $depth i32) (result i32)
    (local $c i32) (local $v i32) (local $close i32) (local $tail i32) (local $kid i32) (local $kp i32) (local $kl i32)
    (local $neg i32) (local $mag i64) (local $d i64) (local $over i32) (local $digits i32)
    (call $ws)
    (if (i32.or (i32.ge_u (global.get $pp) (global.get $pe)) (i32.gt_u (local.get $depth) (i32.const 200)))
      (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
    (local.set $c (i32.load8_u (global.get $pp)))
    ;; containers
    (if (i32.or (i32.eq (local.get $c) (i32.const 123)) (i32.eq (local.get $c) (i32.const 91)))
      (then
        (local.set $v (call $node (select (i32.const 6) (i32.const 5) (i32.eq (local.get $c) (i32.const 123)))))
        (local.set $close (i32.add (local.get $c) (i32.const 2))) ;; '}' and ']'
        (local.set $tail (i32.add (local.get $v) (i32.const 32)))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (call $ws)
        (if (i32.and (i32.lt_u (global.get $pp) (global.get $pe))
                     (i32.eq (i32.load8_u (global.get $pp)) (local.get $close)))
          (then (global.set $pp (i32.add (global.get $pp) (i32.const 1))) (return (local.get $v))))
        (loop $items
          (if (i32.eq (local.get $c) (i32.const 123))
            (then
              (call $ws)
              (if (i32.or (i32.ge_u (global.get $pp) (global.get $pe)) (i32.ne (i32.load8_u (global.get $pp)) (i32.const 34)))
                (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
              (if (i32.eqz (call $string)) (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
              (local.set $kp (global.get $sp))
              (local.set $kl (global.get $sl))
              (call $ws)
              (if (i32.or (i32.ge_u (global.get $pp) (global.get $pe)) (i32.ne (i32.load8_u (global.get $pp)) (i32.const 58)))
                (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
              (global.set $pp (i32.add (global.get $pp) (i32.const 1)))))
          (local.set $kid (call $value (i32.add (local.get $depth) (i32.const 1))))
          (if (global.get $bad) (then (return (i32.const 0))))
          (i32.store offset=24 (local.get $kid) (local.get $kp))
          (i32.store offset=28 (local.get $kid) (local.get $kl))
          (i32.store (local.get $tail) (local.get $kid))
          (local.set $tail (i32.add (local.get $kid) (i32.const 36)))
          (i32.store offset=40 (local.get $v) (i32.add (i32.load offset=40 (local.get $v)) (i32.const 1)))
          (call $ws)
          (if (i32.ge_u (global.get $pp) (global.get $pe)) (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
          (local.set $c (i32.load8_u (global.get $pp)))
          (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
          (if (i32.eq (local.get $c) (local.get $close)) (then (return (local.get $v))))
          (if (i32.ne (local.get $c) (i32.const 44)) (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
          ;; the container's opening character again, for the object test above
          (local.set $c (i32.sub (local.get $close) (i32.const 2)))
          (br $items))
        (unreachable)))
    (if (i32.eq (local.get $c) (i32.const 34))
      (then
        (if (i32.eqz (call $string)) (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
        (local.set $v (call $node (i32.const 4)))
        (i32.store offset=16 (local.get $v) (global.get $sp))
        (i32.store offset=20 (local.get $v) (global.get $sl))
        (return (local.get $v))))
    (if (call $literal (i32.const 1778) (i32.const 4) (; lit_null ;)) (then (return (call $node (i32.const 0)))))  ;; null
    (if (call $literal (i32.const 1782) (i32.const 4) (; lit_true ;)) (then (return (call $node (i32.const 2)))))  ;; true
    (if (call $literal (i32.const 1786) (i32.const 5) (; lit_false ;)) (then (return (call $node (i32.const 1)))))  ;; false
    ;; a number: an integer when it has no fraction or exponent and fits an i64
    (local.set $neg (i32.eq (local.get $c) (i32.const 45)))
    (if (local.get $neg) (then (global.set $pp (i32.add (global.get $pp) (i32.const 1)))))
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (global.get $pp) (global.get $pe)))
        (local.set $c (i32.load8_u (global.get $pp)))
        (br_if $end (i32.or (i32.lt_u (local.get $c) (i32.const 48)) (i32.gt_u (local.get $c) (i32.const 57))))
        (local.set $d (i64.extend_i32_u (i32.sub (local.get $c) (i32.const 48))))
        (if (i64.gt_u (local.get $mag) (i64.div_u (i64.sub (i64.const 0x8000000000000000) (local.get $d)) (i64.const 10)))
          (then (local.set $over (i32.const 1)))
          (else (local.set $mag (i64.add (i64.mul (local.get $mag) (i64.const 10)) (local.get $d)))))
        (local.set $digits (i32.add (local.get $digits) (i32.const 1)))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (br $l)))
    (if (i32.eqz (local.get $digits)) (then (global.set $bad (i32.const 1)) (return (i32.const 0))))
    (local.set $v (call $node (i32.const 3)))
    (if (i32.eqz (local.get $neg))
      (then (if (i64.gt_u (local.get $mag) (i64.const 0x7FFFFFFFFFFFFFFF)) (then (local.set $over (i32.const 1))))))
    (i32.store offset=4 (local.get $v) (i32.eqz (local.get $over)))
    (i64.store offset=8 (local.get $v) (select (i64.sub (i64.const 0) (local.get $mag)) (local.get $mag) (local.get $neg)))
    ;; a fraction or an exponent: a number, not an integer
    (block $end
      (loop $l
        (br_if $end (i32.ge_u (global.get $pp) (global.get $pe)))
        (local.set $c (i32.load8_u (global.get $pp)))
        (br_if $end (i32.eqz (i32.or (i32.or (i32.eq (local.get $c) (i32.const 46)) (i32.eq (i32.or (local.get $c) (i32.const 32)) (i32.const 101)))
                                     (i32.or (i32.or (i32.eq (local.get $c) (i32.const 43)) (i32.eq (local.get $c) (i32.const 45)))
                                             (i32.and (i32.ge_u (local.get $c) (i32.const 48)) (i32.le_u (local.get $c) (i32.const 57)))))))
        (i32.store offset=4 (local.get $v) (i32.const 0))
        (global.set $pp (i32.add (global.get $pp) (i32.const 1)))
        (br $l)))
    (local.get $v))

  ;; the member of an object by key, or 0
  (func $get (param $o i32) (param $kp i32) (param $kl i32) (result i32)
    (local $m i32)
    (if (i32.or (i32.eqz (local.get $o)) (i32.ne (i32.load (local.get $o)) (i32.const 6))) (then (return (i32.const 0))))
    (local.set $m (i32.load offset=32 (local.get $o)))
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $m)))
        (if (call $eq (i32.load offset=24 (local.get $m)) (i32.load offset=28 (local.get $m)) (local.get $kp) (local.get $kl))
          (then (return (local.get $m))))
        (local.set $m (i32.load offset=36 (local.get $m)))
        (br $l)))
    (i32.const 0))

  ;; the payload of {tag: payload}, an object with that one member, or 0
  (func $tagged (param $v i32) (param $tp i32) (param $tl i32) (result i32)
    (if (i32.or (i32.eqz (local.get $v)) (i32.ne (i32.load (local.get $v)) (i32.const 6))) (then (return (i32.const 0))))
    (if (i32.ne (i32.load offset=40 (local.get $v)) (i32.const 1)) (then (return (i32.const 0))))
    (call $get (local.get $v) (local.get $tp) (local.get $tl)))

  ;; the i-th argument, or 0
  (func $arg (param $i i32) (result i32)
    (local $m i32)
    (if (i32.or (i32.eqz (global.get $args)) (i32.ne (i32.load (global.get $args)) (i32.const 5))) (then (return (i32.const 0))))
    (local.set $m (i32.load offset=32 (global.get $args)))
    (block $out
      (loop $l
        (br_if $out (i32.or (i32.eqz (local.get $m)) (i32.eqz (local.get $i))))
        (local.set $m (i32.load offset=36 (local.get $m)))
        (local.set $i (i32.sub (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $m))

  ;; ------------------------------------------------------------------ replies

  (func $pack (param $b i32) (result i64)
    (global.set $reply (i32.load (local.get $b)))
    (i64.or (i64.shl (i64.extend_i32_u (i32.load offset=4 (local.get $b))) (i64.const 32))
            (i64.extend_i32_u (i32.load (local.get $b)))))

  ;; {"error":{"code":-32000,"message":M}} with the text of the buffer m
  (func $error (param $m i32) (result i32)
    (local $b i32)
    (local.set $b (call $buf))
    (call $put (local.get $b) (i32.const 1549) (i32.const 34) (; r_error ;))
    (call $put_json (local.get $b) (i32.load (local.get $m)) (i32.load offset=4 (local.get $m)))
    (call $put (local.get $b) (i32.const 1583) (i32.const 2) (; r_close2 ;))
    (local.get $b))

  (func $error_text (param $p i32) (param $n i32) (result i32)
    (local $m i32)
    (local.set $m (call $buf))
    (call $put (local.get $m) (local.get $p) (local.get $n))
    (call $error (local.get $m)))

  ;; "FUNCTION: argument N must be WHAT"
  (func $bad_arg (param $i i32) (param $wp i32) (param $wl i32) (result i32)
    (local $m i32)
    (local.set $m (call $buf))
    (call $put (local.get $m) (global.get $fp) (global.get $fl))
    (call $put (local.get $m) (i32.const 1261) (i32.const 11) (; e_argument ;))
    (call $put_int (local.get $m) (i64.extend_i32_u (i32.add (local.get $i) (i32.const 1))))
    (call $put (local.get $m) (i32.const 1272) (i32.const 9) (; e_mustbe ;))
    (call $put (local.get $m) (local.get $wp) (local.get $wl))
    (call $error (local.get $m)))

  (func $pass (result i32)
    (local $b i32)
    (local.set $b (call $buf))
    (call $put (local.get $b) (i32.const 1585) (i32.const 13) (; r_pass ;))
    (local.get $b))

  (func $fail (param $m i32) (result i32)
    (local $b i32)
    (local.set $b (call $buf))
    (call $put (local.get $b) (i32.const 1598) (i32.const 8) (; r_fail ;))
    (call $put_json (local.get $b) (i32.load (local.get $m)) (i32.load offset=4 (local.get $m)))
    (call $put (local.get $b) (i32.const 1606) (i32.const 1) (; r_close1 ;))
    (local.get $b))

  ;; argument readers: 1 and the value in $sp/$sl, $iv or the result; 0 when the argument is not of the type
  (func $arg_string (param $i i32) (result i32)
    (local $s i32)
    (local.set $s (call $tagged (call $arg (local.get $i)) (i32.const 1045) (i32.const 6) (; t_string ;)))
    (if (i32.or (i32.eqz (local.get $s)) (i32.ne (i32.load (local.get $s)) (i32.const 4))) (then (return (i32.const 0))))
    (global.set $sp (i32.load offset=16 (local.get $s)))
    (global.set $sl (i32.load offset=20 (local.get $s)))
    (i32.const 1))

  (func $arg_int (param $i i32) (result i32)
    (local $n i32)
    (local.set $n (call $tagged (call $arg (local.get $i)) (i32.const 1051) (i32.const 3) (; t_int ;)))
    (if (i32.or (i32.eqz (local.get $n)) (i32.ne (i32.load (local.get $n)) (i32.const 3))) (then (return (i32.const 0))))
    (if (i32.eqz (i32.load offset=4 (local.get $n))) (then (return (i32.const 0))))
    (global.set $iv (i64.load offset=8 (local.get $n)))
    (i32.const 1))

  ;; the paths array of a scope argument (every item a string), or 0
  (func $arg_scope (param $i i32) (result i32)
    (local $p i32) (local $m i32)
    (local.set $p (call $get (call $tagged (call $arg (local.get $i)) (i32.const 1054) (i32.const 5) (; t_scope ;)) (i32.const 1059) (i32.const 5) (; k_paths ;)))
    (if (i32.or (i32.eqz (local.get $p)) (i32.ne (i32.load (local.get $p)) (i32.const 5))) (then (return (i32.const 0))))
    (local.set $m (i32.load offset=32 (local.get $p)))
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $m)))
        (if (i32.ne (i32.load (local.get $m)) (i32.const 4)) (then (return (i32.const 0))))
        (local.set $m (i32.load offset=36 (local.get $m)))
        (br $l)))
    (local.get $p))

  ;; ------------------------------------------------------------------ lists of texts

  (func $list (result i32) (call $buf))

  (func $push (param $l i32) (param $p i32) (param $n i32)
    (call $reserve (local.get $l) (i32.const 8))
    (i32.store (i32.add (i32.load (local.get $l)) (i32.load offset=4 (local.get $l))) (local.get $p))
    (i32.store offset=4 (i32.add (i32.load (local.get $l)) (i32.load offset=4 (local.get $l))) (local.get $n))
    (i32.store offset=4 (local.get $l) (i32.add (i32.load offset=4 (local.get $l)) (i32.const 8))))

  ;; a + sep + b in a new block; its address, and its length in $sl
  (func $join (param $a i32) (param $al i32) (param $s i32) (param $sn i32) (param $b i32) (param $bl i32) (result i32)
    (local $p i32)
    (global.set $sl (i32.add (i32.add (local.get $al) (local.get $sn)) (local.get $bl)))
    (local.set $p (call $raw (global.get $sl)))
    (memory.copy (local.get $p) (local.get $a) (local.get $al))
    (memory.copy (i32.add (local.get $p) (local.get $al)) (local.get $s) (local.get $sn))
    (memory.copy (i32.add (i32.add (local.get $p) (local.get $al)) (local.get $sn)) (local.get $b) (local.get $bl))
    (local.get $p))

  ;; merge sort of a list's items in byte order
  (func $sort (param $l i32)
    (local $n i32) (local $a i32) (local $t i32) (local $w i32) (local $lo i32) (local $mid i32) (local $hi i32)
    (local $i i32) (local $j i32) (local $k i32) (local $from i32) (local $right i32)
    (local.set $n (i32.shr_u (i32.load offset=4 (local.get $l)) (i32.const 3)))
    (if (i32.lt_u (local.get $n) (i32.const 2)) (then (return)))
    (local.set $a (i32.load (local.get $l)))
    (local.set $t (call $raw (i32.shl (local.get $n) (i32.const 3))))
    (local.set $w (i32.const 1))
    (loop $widths
      (local.set $lo (i32.const 0))
      (loop $runs
        (local.set $mid (select (i32.add (local.get $lo) (local.get $w)) (local.get $n)
                                (i32.lt_u (i32.add (local.get $lo) (local.get $w)) (local.get $n))))
        (local.set $hi (select (i32.add (local.get $lo) (i32.shl (local.get $w) (i32.const 1))) (local.get $n)
                               (i32.lt_u (i32.add (local.get $lo) (i32.shl (local.get $w) (i32.const 1))) (local.get $n))))
        (local.set $i (local.get $lo))
        (local.set $j (local.get $mid))
        (local.set $k (local.get $lo))
        (block $merged
          (loop $m
            (br_if $merged (i32.ge_u (local.get $k) (local.get $hi)))
            ;; the left item when the right run is done or the left one is not greater (wasm's i32.or and
            ;; i32.and evaluate both sides: the comparison is made only when both runs have an item)
            (local.set $right (i32.ge_u (local.get $i) (local.get $mid)))
            (if (i32.eqz (local.get $right))
              (then
                (if (i32.lt_u (local.get $j) (local.get $hi))
                  (then
                    (local.set $right
                      (i32.gt_s (call $cmp (i32.load (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
                                           (i32.load offset=4 (i32.add (local.get $a) (i32.shl (local.get $i) (i32.const 3))))
                                           (i32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3))))
                                           (i32.load offset=4 (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 3)))))
                                (i32.const 0)))))))
            (if (local.get $right)
              (then (local.set $from (local.get $j)) (local.set $j (i32.add (local.get $j) (i32.const 1))))
              (else (local.set $from (local.get $i)) (local.set $i (i32.add (local.get $i) (i32.const 1)))))
            (i64.store (i32.add (local.get $t) (i32.shl (local.get $k) (i32.const 3)))
                       (i64.load (i32.add (local.get $a) (i32.shl (local.get $from) (i32.const 3)))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $m)))
        (local.set $lo (i32.add (local.get $lo) (i32.shl (local.get $w) (i32.const 1))))
        (br_if $runs (i32.lt_u (local.get $lo) (local.get $n))))
      (memory.copy (local.get $a) (local.get $t) (i32.shl (local.get $n) (i32.const 3)))
      (local.set $w (i32.shl (local.get $w) (i32.const 1)))
      (br_if $widths (i32.lt_u (local.get $w) (local.get $n)))))

  ;; ------------------------------------------------------------------ the workspace, through WASI

  ;; the preopened folder that is the workspace, or -1
  (func $workspace_fd (result i32)
    (local $fd i32) (local $st i32) (local $n i32) (local $name i32)
    (local.set $st (call $raw (i32.const 8)))
    (local.set $fd (i32.const 3))
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $fd) (i32.const 64)))
        (br_if $out (call $fd_prestat_get (local.get $fd) (local.get $st)))
        (if (i32.eqz (i32.load8_u (local.get $st)))
          (then
            (local.set $n (i32.load offset=4 (local.get $st)))
            (local.set $name (call $raw (local.get $n)))
            (if (i32.eqz (call $fd_prestat_dir_name (local.get $fd) (local.get $name) (local.get $n)))
              (then
                (block $trimmed
                  (loop $t
                    (br_if $trimmed (i32.le_u (local.get $n) (i32.const 1)))
                    (br_if $trimmed (i32.load8_u (i32.sub (i32.add (local.get $name) (local.get $n)) (i32.const 1))))
                    (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                    (br $t)))
                (if (i32.and (i32.ne (global.get $wl) (i32.const 0))
                             (call $eq (local.get $name) (local.get $n) (global.get $wp) (global.get $wl)))
                  (then (return (local.get $fd))))))))
        (local.set $fd (i32.add (local.get $fd) (i32.const 1)))
        (br $l)))
    (i32.const -1))

  ;; the WASI filetype of a path under dirfd, links not followed; 0 when it is missing
  (func $type_at (param $dirfd i32) (param $p i32) (param $n i32) (result i32)
    (local $st i32)
    (local.set $st (call $raw (i32.const 64)))
    (if (call $path_filestat_get (local.get $dirfd) (i32.const 0) (local.get $p) (local.get $n) (local.get $st))
      (then (return (i32.const 0))))
    (i32.load8_u offset=16 (local.get $st)))

  ;; every regular file under the folder rel (relative to dirfd), as full + "/" + name, added to out
  (func $walk (param $dirfd i32) (param $rp i32) (param $rl i32) (param $fp i32) (param $fl i32) (param $out i32)
    (local $fd i32) (local $dirs i32) (local $buf i32) (local $cookie i64) (local $used i32) (local $off i32)
    (local $progressed i32) (local $namlen i32) (local $name i32) (local $child i32) (local $cl i32) (local $type i32)
    (local $root i32) (local $i i32) (local $item i32) (local $base i32) (local $abs i32)
    (local.set $fd (call $raw (i32.const 4)))
    (if (call $path_open (local.get $dirfd) (i32.const 0) (local.get $rp) (local.get $rl) (i32.const 2)
                         (i64.const 0x24600E) (i64.const 0x24600E) (i32.const 0) (local.get $fd))
      (then (return)))
    (local.set $fd (i32.load (local.get $fd)))
    (local.set $root (i32.and (i32.eq (local.get $rl) (i32.const 1)) (i32.eq (i32.load8_u (local.get $rp)) (i32.const 46))))
    (local.set $dirs (call $list))
    (local.set $buf (call $raw (i32.const 65536)))
    (local.set $used (call $raw (i32.const 4)))
    (block $done
      (loop $reads
        (br_if $done (call $fd_readdir (local.get $fd) (local.get $buf) (i32.const 65536) (local.get $cookie) (local.get $used)))
        (local.set $off (i32.const 0))
        (local.set $progressed (i32.const 0))
        (block $entries
          (loop $e
            (br_if $entries (i32.gt_u (i32.add (local.get $off) (i32.const 24)) (i32.load (local.get $used))))
            (local.set $namlen (i32.load offset=16 (i32.add (local.get $buf) (local.get $off))))
            (br_if $entries (i32.gt_u (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen))
                                      (i32.load (local.get $used))))
            (local.set $cookie (i64.load (i32.add (local.get $buf) (local.get $off))))
            (local.set $name (i32.add (i32.add (local.get $buf) (local.get $off)) (i32.const 24)))
            (local.set $off (i32.add (i32.add (local.get $off) (i32.const 24)) (local.get $namlen)))
            (local.set $progressed (i32.const 1))
            ;; "." and ".." are skipped
            (br_if $e (i32.and (i32.eq (local.get $namlen) (i32.const 1)) (i32.eq (i32.load8_u (local.get $name)) (i32.const 46))))
            (br_if $e (i32.and (i32.eq (local.get $namlen) (i32.const 2))
                               (i32.eq (i32.load16_u (local.get $name)) (i32.const 0x2E2E))))
            (if (local.get $root)
              (then (local.set $child (call $join (local.get $name) (local.get $namlen) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))))
              (else (local.set $child (call $join (local.get $rp) (local.get $rl) (i32.const 1777) (i32.const 1) (; c_slash ;) (local.get $name) (local.get $namlen)))))
            (local.set $cl (global.get $sl))
            ;; readdir may report a link as its target's type: asked again without following it
            (local.set $type (call $type_at (local.get $dirfd) (local.get $child) (local.get $cl)))
            (if (i32.eq (local.get $type) (i32.const 3)) (then (call $push (local.get $dirs) (local.get $child) (local.get $cl))))
            (if (i32.eq (local.get $type) (i32.const 4))
              (then
                (local.set $abs (call $join (local.get $fp) (local.get $fl) (i32.const 1777) (i32.const 1) (; c_slash ;) (local.get $name) (local.get $namlen)))
                (call $push (local.get $out) (local.get $abs) (global.get $sl))))
            (br $e)))
        (br_if $done (i32.lt_u (i32.load (local.get $used)) (i32.const 65536)))
        (br_if $done (i32.eqz (local.get $progressed)))
        (br $reads)))
    (drop (call $fd_close (local.get $fd)))
    (block $out
      (loop $d
        (br_if $out (i32.ge_u (local.get $i) (i32.shr_u (i32.load offset=4 (local.get $dirs)) (i32.const 3))))
        (local.set $item (i32.add (i32.load (local.get $dirs)) (i32.shl (local.get $i) (i32.const 3))))
        (local.set $child (i32.load (local.get $item)))
        (local.set $cl (i32.load offset=4 (local.get $item)))
        (local.set $base (select (i32.const 0) (i32.add (local.get $rl) (i32.const 1)) (local.get $root)))
        (local.set $abs (call $join (local.get $fp) (local.get $fl) (i32.const 1777) (i32.const 1) (; c_slash ;)
                              (i32.add (local.get $child) (local.get $base)) (i32.sub (local.get $cl) (local.get $base))))
        (call $walk (local.get $dirfd) (local.get $child) (local.get $cl) (local.get $abs) (global.get $sl) (local.get $out))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $d))))

  ;; ------------------------------------------------------------------ the functions

  ;; {"Scope":{"kind":{KIND:path},"paths":[...],"resolved":true}} (folder: 1 for Folder, 0 for File)
  (func $scope_reply (param $folder i32) (param $pp i32) (param $pl i32) (param $paths i32) (result i32)
    (local $b i32) (local $i i32) (local $n i32) (local $item i32)
    (local.set $b (call $buf))
    (if (local.get $folder) (then (call $put (local.get $b) (i32.const 1607) (i32.const 27) (; r_folder ;))) (else (call $put (local.get $b) (i32.const 1634) (i32.const 25) (; r_file ;))))
    (call $put_json (local.get $b) (local.get $pp) (local.get $pl))
    (call $put (local.get $b) (i32.const 1659) (i32.const 11) (; r_paths ;))
    (local.set $n (i32.shr_u (i32.load offset=4 (local.get $paths)) (i32.const 3)))
    (block $out
      (loop $l
        (br_if $out (i32.ge_u (local.get $i) (local.get $n)))
        (if (local.get $i) (then (call $putc (local.get $b) (i32.const 44))))
        (local.set $item (i32.add (i32.load (local.get $paths)) (i32.shl (local.get $i) (i32.const 3))))
        (call $put_json (local.get $b) (i32.load (local.get $item)) (i32.load offset=4 (local.get $item)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (call $put (local.get $b) (i32.const 1670) (i32.const 19) (; r_resolved ;))
    (local.get $b))

  (func $simple_selector (result i32)
    (local $path i32) (local $plen i32) (local $rel i32) (local $rl i32) (local $i i32) (local $start i32)
    (local $dirfd i32) (local $type i32) (local $files i32) (local $full i32) (local $fl i32) (local $m i32)
    (if (i32.eqz (call $arg_string (i32.const 0))) (then (return (call $bad_arg (i32.const 0) (i32.const 1281) (i32.const 8) (; w_string ;)))))
    (local.set $path (global.get $sp))
    (local.set $plen (global.get $sl))
    (local.set $rel (local.get $path))
    (local.set $rl (local.get $plen))
    ;; without leading "./" and trailing "/"; "." is the workspace itself
    (block $out
      (loop $l
        (br_if $out (i32.lt_u (local.get $rl) (i32.const 2)))
        (br_if $out (i32.ne (i32.load16_u (local.get $rel)) (i32.const 0x2F2E)))
        (local.set $rel (i32.add (local.get $rel) (i32.const 2)))
        (local.set $rl (i32.sub (local.get $rl) (i32.const 2)))
        (br $l)))
    (block $out
      (loop $l
        (br_if $out (i32.le_u (local.get $rl) (i32.const 1)))
        (br_if $out (i32.ne (i32.load8_u (i32.sub (i32.add (local.get $rel) (local.get $rl)) (i32.const 1))) (i32.const 47)))
        (local.set $rl (i32.sub (local.get $rl) (i32.const 1)))
        (br $l)))
    (if (i32.and (i32.eq (local.get $rl) (i32.const 1)) (i32.eq (i32.load8_u (local.get $rel)) (i32.const 46)))
      (then (local.set $rl (i32.const 0))))
    ;; it must stay inside the workspace: not absolute, no ".." part
    (if (i32.and (i32.ne (local.get $rl) (i32.const 0)) (i32.eq (i32.load8_u (local.get $rel)) (i32.const 47)))
      (then (local.set $i (i32.const -1))))
    (block $out
      (loop $l
        (br_if $out (i32.gt_s (local.get $i) (local.get $rl)))
        (br_if $out (i32.lt_s (local.get $i) (i32.const 0)))
        (if (i32.or (i32.eq (local.get $i) (local.get $rl))
                    (i32.eq (i32.load8_u (i32.add (local.get $rel) (local.get $i))) (i32.const 47)))
          (then
            (if (i32.and (i32.eq (i32.sub (local.get $i) (local.get $start)) (i32.const 2))
                         (i32.eq (i32.load16_u (i32.add (local.get $rel) (local.get $start))) (i32.const 0x2E2E)))
              (then (local.set $i (i32.const -1)) (br $out)))
            (local.set $start (i32.add (local.get $i) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (if (i32.lt_s (local.get $i) (i32.const 0))
      (then
        (local.set $m (call $buf))
        (call $put (local.get $m) (i32.const 1306) (i32.const 58) (; e_escape ;))
        (call $put (local.get $m) (local.get $path) (local.get $plen))
        (return (call $error (local.get $m)))))
    (local.set $dirfd (call $workspace_fd))
    (if (i32.lt_s (local.get $dirfd) (i32.const 0)) (then (return (call $error_text (i32.const 1364) (i32.const 146) (; e_nofs ;)))))
    (local.set $files (call $list))
    (if (i32.eqz (local.get $rl))
      (then
        (call $walk (local.get $dirfd) (i32.const 1776) (i32.const 1) (; c_dot ;) (global.get $wp) (global.get $wl) (local.get $files))
        (call $sort (local.get $files))
        (return (call $scope_reply (i32.const 1) (local.get $path) (local.get $plen) (local.get $files)))))
    (local.set $type (call $type_at (local.get $dirfd) (local.get $rel) (local.get $rl)))
    (local.set $full (call $join (global.get $wp) (global.get $wl) (i32.const 1777) (i32.const 1) (; c_slash ;) (local.get $rel) (local.get $rl)))
    (local.set $fl (global.get $sl))
    (if (i32.eq (local.get $type) (i32.const 3))
      (then
        (call $walk (local.get $dirfd) (local.get $rel) (local.get $rl) (local.get $full) (local.get $fl) (local.get $files))
        (call $sort (local.get $files))
        (return (call $scope_reply (i32.const 1) (local.get $path) (local.get $plen) (local.get $files)))))
    (if (i32.eq (local.get $type) (i32.const 4)) (then (call $push (local.get $files) (local.get $full) (local.get $fl))))
    (call $scope_reply (i32.const 0) (local.get $path) (local.get $plen) (local.get $files)))

  (func $file_count_check (result i32)
    (local $paths i32) (local $count i64) (local $m i32)
    (local.set $paths (call $arg_scope (i32.const 0)))
    (if (i32.eqz (local.get $paths)) (then (return (call $bad_arg (i32.const 0) (i32.const 1299) (i32.const 7) (; w_scope ;)))))
    (if (i32.eqz (call $arg_int (i32.const 1))) (then (return (call $bad_arg (i32.const 1) (i32.const 1289) (i32.const 10) (; w_int ;)))))
    (local.set $count (i64.extend_i32_u (i32.load offset=40 (local.get $paths))))
    (if (i64.le_s (local.get $count) (global.get $iv)) (then (return (call $pass))))
    (local.set $m (call $buf))
    (call $put (local.get $m) (i32.const 1689) (i32.const 16) (; m_many ;))
    (call $put_int (local.get $m) (local.get $count))
    (call $put (local.get $m) (i32.const 1705) (i32.const 3) (; m_gt ;))
    (call $put_int (local.get $m) (global.get $iv))
    (call $fail (local.get $m)))

  (func $has_extension (result i32)
    (local $paths i32) (local $ext i32) (local $el i32) (local $p i32) (local $sp i32) (local $sl i32) (local $i i32)
    (local $base i32) (local $wrong i32) (local $shown i32) (local $m i32)
    (local.set $paths (call $arg_scope (i32.const 0)))
    (if (i32.eqz (local.get $paths)) (then (return (call $bad_arg (i32.const 0) (i32.const 1299) (i32.const 7) (; w_scope ;)))))
    (if (i32.eqz (call $arg_string (i32.const 1))) (then (return (call $bad_arg (i32.const 1) (i32.const 1281) (i32.const 8) (; w_string ;)))))
    (local.set $ext (global.get $sp))
    (local.set $el (global.get $sl))
    (if (i32.or (i32.eqz (local.get $el)) (i32.ne (i32.load8_u (local.get $ext)) (i32.const 46)))
      (then
        (local.set $ext (call $join (i32.const 1776) (i32.const 1) (; c_dot ;) (i32.const 0) (i32.const 0) (local.get $ext) (local.get $el)))
        (local.set $el (global.get $sl))))
    (local.set $shown (call $buf))
    (local.set $p (i32.load offset=32 (local.get $paths)))
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $p)))
        (local.set $sp (i32.load offset=16 (local.get $p)))
        (local.set $sl (i32.load offset=20 (local.get $p)))
        ;; the name after the last '/'
        (local.set $base (i32.const 0))
        (local.set $i (local.get $sl))
        (block $found
          (loop $b
            (br_if $found (i32.eqz (local.get $i)))
            (if (i32.eq (i32.load8_u (i32.sub (i32.add (local.get $sp) (local.get $i)) (i32.const 1))) (i32.const 47))
              (then (local.set $base (local.get $i)) (br $found)))
            (local.set $i (i32.sub (local.get $i) (i32.const 1)))
            (br $b)))
        (if (i32.eqz (i32.and (i32.ge_u (i32.sub (local.get $sl) (local.get $base)) (local.get $el))
                              (call $eq (i32.sub (i32.add (local.get $sp) (local.get $sl)) (local.get $el)) (local.get $el)
                                        (local.get $ext) (local.get $el))))
          (then
            (local.set $wrong (i32.add (local.get $wrong) (i32.const 1)))
            (if (i32.le_u (local.get $wrong) (i32.const 3))
              (then
                (if (i32.gt_u (local.get $wrong) (i32.const 1)) (then (call $put (local.get $shown) (i32.const 1739) (i32.const 2) (; m_comma ;))))
                ;; relative to the workspace when it is inside it
                (if (i32.and (i32.gt_u (local.get $sl) (global.get $wl))
                             (i32.and (i32.eq (i32.load8_u (i32.add (local.get $sp) (global.get $wl))) (i32.const 47))
                                      (call $eq (local.get $sp) (global.get $wl) (global.get $wp) (global.get $wl))))
                  (then
                    (local.set $sp (i32.add (i32.add (local.get $sp) (global.get $wl)) (i32.const 1)))
                    (local.set $sl (i32.sub (i32.sub (local.get $sl) (global.get $wl)) (i32.const 1)))))
                (call $put (local.get $shown) (local.get $sp) (local.get $sl))))))
        (local.set $p (i32.load offset=36 (local.get $p)))
        (br $l)))
    (if (i32.eqz (local.get $wrong)) (then (return (call $pass))))
    (local.set $m (call $buf))
    (call $put_int (local.get $m) (i64.extend_i32_u (local.get $wrong)))
    (call $put (local.get $m) (i32.const 1708) (i32.const 4) (; m_of ;))
    (call $put_int (local.get $m) (i64.extend_i32_u (i32.load offset=40 (local.get $paths))))
    (call $put (local.get $m) (i32.const 1712) (i32.const 24) (; m_noend ;))
    (call $put (local.get $m) (local.get $ext) (local.get $el))
    (call $put (local.get $m) (i32.const 1736) (i32.const 3) (; m_colon ;))
    (call $put (local.get $m) (i32.load (local.get $shown)) (i32.load offset=4 (local.get $shown)))
    (if (i32.gt_u (local.get $wrong) (i32.const 3)) (then (call $put (local.get $m) (i32.const 1741) (i32.const 5) (; m_more ;))))
    (call $fail (local.get $m)))

  (func $prime_count (result i32)
    (local $n i64) (local $expected i64) (local $count i64) (local $p i64) (local $d i64) (local $prime i32) (local $m i32)
    (if (i32.eqz (call $arg_int (i32.const 0))) (then (return (call $bad_arg (i32.const 0) (i32.const 1289) (i32.const 10) (; w_int ;)))))
    (local.set $n (global.get $iv))
    (if (i32.eqz (call $arg_int (i32.const 1))) (then (return (call $bad_arg (i32.const 1) (i32.const 1289) (i32.const 10) (; w_int ;)))))
    (local.set $expected (global.get $iv))
    (if (i64.gt_s (local.get $n) (i64.const 10000000)) (then (return (call $error_text (i32.const 1510) (i32.const 39) (; e_prime ;)))))
    (local.set $p (i64.const 2))
    (block $out
      (loop $l
        (br_if $out (i64.ge_s (local.get $p) (local.get $n)))
        (if (i64.eqz (i64.rem_s (local.get $p) (i64.const 2)))
          (then (if (i64.eq (local.get $p) (i64.const 2)) (then (local.set $count (i64.add (local.get $count) (i64.const 1))))))
          (else
            (local.set $prime (i32.const 1))
            (local.set $d (i64.const 3))
            (block $div
              (loop $t
                (br_if $div (i64.gt_s (i64.mul (local.get $d) (local.get $d)) (local.get $p)))
                (if (i64.eqz (i64.rem_s (local.get $p) (local.get $d))) (then (local.set $prime (i32.const 0)) (br $div)))
                (local.set $d (i64.add (local.get $d) (i64.const 2)))
                (br $t)))
            (local.set $count (i64.add (local.get $count) (i64.extend_i32_u (local.get $prime))))))
        (local.set $p (i64.add (local.get $p) (i64.const 1)))
        (br $l)))
    (if (i64.eq (local.get $count) (local.get $expected)) (then (return (call $pass))))
    (local.set $m (call $buf))
    (call $put (local.get $m) (i32.const 1746) (i32.const 10) (; m_there ;))
    (call $put_int (local.get $m) (local.get $count))
    (call $put (local.get $m) (i32.const 1756) (i32.const 14) (; m_below ;))
    (call $put_int (local.get $m) (local.get $n))
    (call $put (local.get $m) (i32.const 1770) (i32.const 6) (; m_not ;))
    (call $put_int (local.get $m) (local.get $expected))
    (call $fail (local.get $m)))

  ;; ------------------------------------------------------------------ the exports

  ;; The function of a request, with its arity check; check = 1 for library_check.
  (func $dispatch (param $ptr i32) (param $len i32) (param $check i32) (result i64)
    (local $root i32) (local $fn i32) (local $id i32) (local $want i32) (local $got i32) (local $m i32)
    (global.set $pp (local.get $ptr))
    (global.set $pe (i32.add (local.get $ptr) (local.get $len)))
    (global.set $bad (i32.const 0))
    (local.set $root (call $value (i32.const 0)))
    (if (i32.eqz (global.get $bad)) (then (local.set $fn (call $get (local.get $root) (i32.const 1024) (i32.const 8) (; k_function ;)))))
    (if (i32.or (global.get $bad) (i32.or (i32.eqz (local.get $fn)) (i32.ne (i32.load (local.get $fn)) (i32.const 4))))
      (then (return (call $pack (call $error_text (i32.const 1130) (i32.const 56) (; e_badreq ;))))))
    (global.set $fp (i32.load offset=16 (local.get $fn)))
    (global.set $fl (i32.load offset=20 (local.get $fn)))
    (global.set $args (call $get (local.get $root) (i32.const 1032) (i32.const 4) (; k_args ;)))
    (global.set $wp (i32.const 0))
    (global.set $wl (i32.const 0))
    (local.set $m (call $get (local.get $root) (i32.const 1036) (i32.const 9) (; k_workspace ;)))
    (if (i32.and (i32.ne (local.get $m) (i32.const 0)) (i32.eq (i32.load (local.get $m)) (i32.const 4)))
      (then
        (global.set $wp (i32.load offset=16 (local.get $m)))
        (global.set $wl (i32.load offset=20 (local.get $m)))))
    ;; which function: 1 simple_selector, 2 always_pass, 3 file_count_check, 4 has_extension, 5 prime_count
    (if (i32.eqz (local.get $check))
      (then (if (call $eq (global.get $fp) (global.get $fl) (i32.const 1064) (i32.const 15) (; n_sel ;)) (then (local.set $id (i32.const 1)) (local.set $want (i32.const 1)))))
      (else
        (if (call $eq (global.get $fp) (global.get $fl) (i32.const 1079) (i32.const 11) (; n_pass ;)) (then (local.set $id (i32.const 2)) (local.set $want (i32.const 0))))
        (if (call $eq (global.get $fp) (global.get $fl) (i32.const 1090) (i32.const 16) (; n_count ;)) (then (local.set $id (i32.const 3)) (local.set $want (i32.const 2))))
        (if (call $eq (global.get $fp) (global.get $fl) (i32.const 1106) (i32.const 13) (; n_ext ;)) (then (local.set $id (i32.const 4)) (local.set $want (i32.const 2))))
        (if (call $eq (global.get $fp) (global.get $fl) (i32.const 1119) (i32.const 11) (; n_prime ;)) (then (local.set $id (i32.const 5)) (local.set $want (i32.const 2))))))
    (if (i32.eqz (local.get $id))
      (then
        (local.set $m (call $buf))
        (if (local.get $check) (then (call $put (local.get $m) (i32.const 1204) (i32.const 15) (; e_unkchk ;))) (else (call $put (local.get $m) (i32.const 1186) (i32.const 18) (; e_unksel ;))))
        (call $put (local.get $m) (global.get $fp) (global.get $fl))
        (return (call $pack (call $error (local.get $m))))))
    (if (i32.and (i32.ne (global.get $args) (i32.const 0)) (i32.eq (i32.load (global.get $args)) (i32.const 5)))
      (then (local.set $got (i32.load offset=40 (global.get $args)))))
    (if (i32.ne (local.get $got) (local.get $want))
      (then
        (local.set $m (call $buf))
        (call $put (local.get $m) (global.get $fp) (global.get $fl))
        (call $put (local.get $m) (i32.const 1219) (i32.const 11) (; e_expected ;))
        (call $put_int (local.get $m) (i64.extend_i32_u (local.get $want)))
        (if (i32.eq (local.get $want) (i32.const 1)) (then (call $put (local.get $m) (i32.const 1230) (i32.const 15) (; e_arg1 ;))) (else (call $put (local.get $m) (i32.const 1245) (i32.const 16) (; e_args ;))))
        (call $put_int (local.get $m) (i64.extend_i32_u (local.get $got)))
        (return (call $pack (call $error (local.get $m))))))
    (if (i32.eq (local.get $id) (i32.const 1)) (then (return (call $pack (call $simple_selector)))))
    (if (i32.eq (local.get $id) (i32.const 2)) (then (return (call $pack (call $pass)))))
    (if (i32.eq (local.get $id) (i32.const 3)) (then (return (call $pack (call $file_count_check)))))
    (if (i32.eq (local.get $id) (i32.const 4)) (then (return (call $pack (call $has_extension)))))
    (call $pack (call $prime_count)))

  (func (export "library_call") (param $ptr i32) (param $len i32) (result i64)
    (call $dispatch (local.get $ptr) (local.get $len) (i32.const 0)))

  (func (export "library_check") (param $ptr i32) (param $len i32) (result i64)
    (call $dispatch (local.get $ptr) (local.get $len) (i32.const 1)))

  ;; a constant text as a reply, the heap given back when the host deallocates it
  (func $constant (param $p i32) (param $n i32) (result i64)
    (local $b i32)
    (global.set $mark (global.get $top))
    (local.set $b (call $buf))
    (call $put (local.get $b) (local.get $p) (local.get $n))
    (call $pack (local.get $b)))

  (func (export "library_metadata") (result i64) (call $constant (i32.const 1791) (i32.const 141) (; j_meta ;)))
  (func (export "library_doc") (result i64) (call $constant (i32.const 1932) (i32.const 1642) (; j_doc ;)))

  ;; the constant texts, from 1024 up
  ;; k_function
  (data (i32.const 1024) "function")
  ;; k_args
  (data (i32.const 1032) "args")
  ;; k_workspace
  (data (i32.const 1036) "workspace")
  ;; t_string
  (data (i32.const 1045) "String")
  ;; t_int
  (data (i32.const 1051) "Int")
  ;; t_scope
  (data (i32.const 1054) "Scope")
  ;; k_paths
  (data (i32.const 1059) "paths")
  ;; n_sel
  (data (i32.const 1064) "simple_selector")
  ;; n_pass
  (data (i32.const 1079) "always_pass")
  ;; n_count
  (data (i32.const 1090) "file_count_check")
  ;; n_ext
  (data (i32.const 1106) "has_extension")
  ;; n_prime
  (data (i32.const 1119) "prime_count")
  ;; e_badreq
  (data (i32.const 1130) "the request is not {\22function\22: ..., \22args\22: [...]} JSON")
  ;; e_unksel
  (data (i32.const 1186) "unknown selector: ")
  ;; e_unkchk
  (data (i32.const 1204) "unknown check: ")
  ;; e_expected
  (data (i32.const 1219) ": expected ")
  ;; e_arg1
  (data (i32.const 1230) " argument, got ")
  ;; e_args
  (data (i32.const 1245) " arguments, got ")
  ;; e_argument
  (data (i32.const 1261) ": argument ")
  ;; e_mustbe
  (data (i32.const 1272) " must be ")
  ;; w_string
  (data (i32.const 1281) "a string")
  ;; w_int
  (data (i32.const 1289) "an integer")
  ;; w_scope
  (data (i32.const 1299) "a scope")
  ;; e_escape
  (data (i32.const 1306) "simple_selector: the path must stay inside the workspace: ")
  ;; e_nofs
  (data (i32.const 1364) "simple_selector: the workspace cannot be read: grant filesystem = [\22read\22] in this library's [libraries.NAME.permissions] table in hielements.toml")
  ;; e_prime
  (data (i32.const 1510) "prime_count: n must be at most 10000000")
  ;; r_error
  (data (i32.const 1549) "{\22error\22:{\22code\22:-32000,\22message\22:")
  ;; r_close2
  (data (i32.const 1583) "}}")
  ;; r_pass
  (data (i32.const 1585) "{\22Pass\22:null}")
  ;; r_fail
  (data (i32.const 1598) "{\22Fail\22:")
  ;; r_close1
  (data (i32.const 1606) "}")
  ;; r_folder
  (data (i32.const 1607) "{\22Scope\22:{\22kind\22:{\22Folder\22:")
  ;; r_file
  (data (i32.const 1634) "{\22Scope\22:{\22kind\22:{\22File\22:")
  ;; r_paths
  (data (i32.const 1659) "},\22paths\22:[")
  ;; r_resolved
  (data (i32.const 1670) "],\22resolved\22:true}}")
  ;; m_many
  (data (i32.const 1689) "Too many files: ")
  ;; m_gt
  (data (i32.const 1705) " > ")
  ;; m_of
  (data (i32.const 1708) " of ")
  ;; m_noend
  (data (i32.const 1712) " files do not end with '")
  ;; m_colon
  (data (i32.const 1736) "': ")
  ;; m_comma
  (data (i32.const 1739) ", ")
  ;; m_more
  (data (i32.const 1741) ", ...")
  ;; m_there
  (data (i32.const 1746) "There are ")
  ;; m_below
  (data (i32.const 1756) " primes below ")
  ;; m_not
  (data (i32.const 1770) ", not ")
  ;; c_dot
  (data (i32.const 1776) ".")
  ;; c_slash
  (data (i32.const 1777) "/")
  ;; lit_null
  (data (i32.const 1778) "null")
  ;; lit_true
  (data (i32.const 1782) "true")
  ;; lit_false
  (data (i32.const 1786) "false")
  ;; j_meta
  (data (i32.const 1791) "{\22name\22:\22sample\22,\22version\22:\221.0.0\22,\22functions\22:[\22simple_selector\22],\22checks\22:[\22always_pass\22,\22file_count_check\22,\22has_extension\22,\22prime_count\22]}")
  ;; j_doc
  (data (i32.const 1932) "{\22name\22:\22sample\22,\22description\22:\22Sample plugin library: a folder selector and checks over a scope's files\22,\22version\22:\221.0.0\22,\22functions\22:[{\22name\22:\22simple_selector\22,\22description\22:\22Selects every file under a folder of the workspace, or one file\22,\22parameters\22:[{\22name\22:\22path\22,\22type\22:\22string\22,\22description\22:\22Folder or file, relative to the workspace\22}],\22return_type\22:\22Scope\22,\22example\22:\22sample.simple_selector('src')\22}],\22checks\22:[{\22name\22:\22always_pass\22,\22description\22:\22Always passes\22,\22parameters\22:[],\22return_type\22:\22CheckResult\22,\22example\22:\22sample.always_pass()\22},{\22name\22:\22file_count_check\22,\22description\22:\22Passes when the scope has at most max files\22,\22parameters\22:[{\22name\22:\22scope\22,\22type\22:\22Scope\22,\22description\22:\22The files to count\22},{\22name\22:\22max\22,\22type\22:\22integer\22,\22description\22:\22The largest number of files allowed\22}],\22return_type\22:\22CheckResult\22,\22example\22:\22sample.file_count_check(src, 10)\22},{\22name\22:\22has_extension\22,\22description\22:\22Passes when the name of every file of the scope ends with the extension\22,\22parameters\22:[{\22name\22:\22scope\22,\22type\22:\22Scope\22,\22description\22:\22The files to look at\22},{\22name\22:\22ext\22,\22type\22:\22string\22,\22description\22:\22The extension, with or without its dot\22}],\22return_type\22:\22CheckResult\22,\22example\22:\22sample.has_extension(src, '.py')\22},{\22name\22:\22prime_count\22,\22description\22:\22Counts the primes below n by trial division (a compute-heavy check) and passes when there are expected of them\22,\22parameters\22:[{\22name\22:\22n\22,\22type\22:\22integer\22,\22description\22:\22The bound (at most 10000000)\22},{\22name\22:\22expected\22,\22type\22:\22integer\22,\22description\22:\22The expected number of primes below n\22}],\22return_type\22:\22CheckResult\22,\22example\22:\22sample.prime_count(100000, 9592)\22}]}")
)

;; Return shape "out-pointer": library_call/library_check (out i32, ptr i32, len i32) -> (), the
;; shape Rust's and clang's C ABI emit for a two-field struct return on wasm32: the reply pointer
;; is stored at out, its length at out + 4. library_metadata takes only the out pointer.
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "call:")
  (data (i32.const 32) "check:")
  (data (i32.const 48) "{\"shape\":\"out-pointer\"}")
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

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
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $p))

  (func (export "dealloc") (param $p i32) (param $n i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live)) (then (global.set $heap (i32.const 1024)))))

  (func $concat (param $out i32) (param $pre i32) (param $prelen i32) (param $p i32) (param $n i32)
    (local $r i32)
    (local.set $r (call $alloc (i32.add (local.get $prelen) (local.get $n))))
    (memory.copy (local.get $r) (local.get $pre) (local.get $prelen))
    (memory.copy (i32.add (local.get $r) (local.get $prelen)) (local.get $p) (local.get $n))
    (i32.store (local.get $out) (local.get $r))
    (i32.store offset=4 (local.get $out) (i32.add (local.get $prelen) (local.get $n))))

  (func (export "library_call") (param $out i32) (param $p i32) (param $n i32)
    (call $concat (local.get $out) (i32.const 16) (i32.const 5) (local.get $p) (local.get $n)))

  (func (export "library_check") (param $out i32) (param $p i32) (param $n i32)
    (call $concat (local.get $out) (i32.const 32) (i32.const 6) (local.get $p) (local.get $n)))

  (func (export "library_metadata") (param $out i32)
    (call $concat (local.get $out) (i32.const 48) (i32.const 23) (i32.const 0) (i32.const 0))))

;; Return shape "packed": library_call/library_check (ptr i32, len i32) -> i64, low 32 bits the
;; reply pointer, high 32 bits its length. No dealloc: a bump allocator that never frees, so the
;; host must recycle the instance once its memory passes half the limit.
;; library_doc () -> i64 replies "packed doc".
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "call:")
  (data (i32.const 32) "check:")
  (data (i32.const 48) "packed doc")
  (global $heap (mut i32) (i32.const 1024))

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

  (func $pack (param $p i32) (param $n i32) (result i64)
    (i64.or (i64.extend_i32_u (local.get $p))
            (i64.shl (i64.extend_i32_u (local.get $n)) (i64.const 32))))

  (func $concat (param $pre i32) (param $prelen i32) (param $p i32) (param $n i32) (result i64)
    (local $out i32)
    (local.set $out (call $alloc (i32.add (local.get $prelen) (local.get $n))))
    (memory.copy (local.get $out) (local.get $pre) (local.get $prelen))
    (memory.copy (i32.add (local.get $out) (local.get $prelen)) (local.get $p) (local.get $n))
    (call $pack (local.get $out) (i32.add (local.get $prelen) (local.get $n))))

  (func (export "library_call") (param $p i32) (param $n i32) (result i64)
    (call $concat (i32.const 16) (i32.const 5) (local.get $p) (local.get $n)))

  (func (export "library_check") (param $p i32) (param $n i32) (result i64)
    (call $concat (i32.const 32) (i32.const 6) (local.get $p) (local.get $n)))

  (func (export "library_doc") (result i64)
    (call $pack (i32.const 48) (i32.const 10))))

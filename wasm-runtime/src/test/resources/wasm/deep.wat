;; Recursion as deep as the input is long: library_call(p, n) calls $down n levels deep, then replies "ok". A guest
;; that needs a deep stack, but not an endless one: more than a small caller thread has, less than a worker's.
;; library_check replies "ok" at once. alloc is a bump allocator without dealloc.
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "ok")
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

  (func $down (param $depth i32) (result i32)
    (if (result i32) (i32.eqz (local.get $depth))
      (then (i32.const 0))
      (else (i32.add (call $down (i32.sub (local.get $depth) (i32.const 1))) (i32.const 1)))))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (drop (call $down (local.get $n)))
    (i32.const 16) (i32.const 2))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (i32.const 16) (i32.const 2)))

;; Network through the host: library_call (ptr i32, len i32) -> i64 hands its request bytes as they are to
;; hielements.http_request (the HTTP request JSON) and replies with what the host gave back (the response JSON, or
;; {"error": ...}), a block the host wrote through this module's alloc. library_check does the same. A bump allocator
;; that never frees (no dealloc): the host recycles the instance as its memory fills.
(module
  (import "hielements" "http_request" (func $http_request (param i32 i32) (result i64)))
  (memory (export "memory") 1)
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

  (func (export "library_call") (param $p i32) (param $n i32) (result i64)
    (call $http_request (local.get $p) (local.get $n)))

  (func (export "library_check") (param $p i32) (param $n i32) (result i64)
    (call $http_request (local.get $p) (local.get $n))))

;; A plugin that never answers: library_call and library_check loop forever (a guest only the time limit stops).
;; alloc is a bump allocator without dealloc. Used through hielements.toml by the server's tests.
(module
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

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (loop $forever (br $forever))
    (unreachable))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (loop $forever (br $forever))
    (unreachable)))

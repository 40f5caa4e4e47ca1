;; A valid plugin whose start function traps: instantiation fails, at load, with a clear error.
(module
  (memory (export "memory") 1)
  (func $boom unreachable)
  (start $boom)
  (func (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "library_call") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2))
  (func (export "library_check") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2)))

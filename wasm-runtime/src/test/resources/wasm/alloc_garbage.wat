;; alloc returns a pointer near the top of the 32-bit space, far outside memory.
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "ok")
  (func (export "alloc") (param i32) (result i32) (i32.const -16))
  (func (export "library_call") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2))
  (func (export "library_check") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2)))

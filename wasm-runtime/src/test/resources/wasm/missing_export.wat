;; No memory export and no library_check: refused at load, both named.
(module
  (memory 1)
  (func (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "library_call") (param i32 i32) (result i32 i32) (local.get 0) (local.get 1)))

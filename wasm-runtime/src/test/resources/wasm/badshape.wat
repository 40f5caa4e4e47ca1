;; Every ABI export has a wrong type: the host must refuse to load it and name each export and type.
(module
  (memory (export "memory") 1)
  (func (export "alloc") (param i32) (result i32) (local.get 0))
  (func (export "dealloc") (param i32))
  (func (export "library_call") (param i32) (result i32) (local.get 0))
  (func (export "library_check") (param i32 i32) (result f64) (f64.const 0))
  (func (export "library_metadata") (param i32 i32) (result i32 i32) (local.get 0) (local.get 1)))

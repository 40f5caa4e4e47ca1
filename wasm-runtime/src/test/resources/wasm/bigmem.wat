;; A valid plugin whose memory starts at 20 pages (1.25 MiB): refused under a 1 MiB limit.
(module
  (memory (export "memory") 20)
  (data (i32.const 16) "ok")
  (func (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "library_call") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2))
  (func (export "library_check") (param i32 i32) (result i32 i32) (i32.const 16) (i32.const 2)))

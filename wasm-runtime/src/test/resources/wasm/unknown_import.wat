;; Imports the host does not provide: env functions and a table, a WASI name that does not exist,
;; and a real WASI name with the wrong type. Refused at load, every one listed.
(module
  (import "env" "host_log" (func (param i32 i32)))
  (import "env" "table" (table 1 funcref))
  (import "wasi_snapshot_preview1" "not_a_call" (func (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func (param i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "alloc") (param i32) (result i32) (i32.const 1024))
  (func (export "library_call") (param i32 i32) (result i32 i32) (local.get 0) (local.get 1))
  (func (export "library_check") (param i32 i32) (result i32 i32) (local.get 0) (local.get 1)))

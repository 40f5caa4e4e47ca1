;; Return shape "multi-value": library_call/library_check (ptr i32, len i32) -> (i32, i32).
;; Exports dealloc (an arena that resets when every allocation is freed), _initialize (counts its
;; calls) and library_metadata () -> (i32, i32), whose reply shows how often _initialize ran.
;; library_call replies "call:" ++ input, library_check replies "check:" ++ input.
(module
  (memory (export "memory") 1)
  (data (i32.const 16) "call:")
  (data (i32.const 32) "check:")
  (data (i32.const 48) "{\"shape\":\"multi\",\"inits\":0}")
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))
  (global $inits (mut i32) (i32.const 0))

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
    (global.set $live (i32.add (global.get $live) (i32.const 1)))
    (local.get $p))

  (func (export "dealloc") (param $p i32) (param $n i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live)) (then (global.set $heap (i32.const 1024)))))

  (func (export "_initialize")
    (global.set $inits (i32.add (global.get $inits) (i32.const 1))))

  ;; a fresh allocation holding prefix ++ bytes
  (func $concat (param $pre i32) (param $prelen i32) (param $p i32) (param $n i32) (result i32 i32)
    (local $out i32)
    (local.set $out (call $alloc (i32.add (local.get $prelen) (local.get $n))))
    (memory.copy (local.get $out) (local.get $pre) (local.get $prelen))
    (memory.copy (i32.add (local.get $out) (local.get $prelen)) (local.get $p) (local.get $n))
    (local.get $out)
    (i32.add (local.get $prelen) (local.get $n)))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (call $concat (i32.const 16) (i32.const 5) (local.get $p) (local.get $n)))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (call $concat (i32.const 32) (i32.const 6) (local.get $p) (local.get $n)))

  (func (export "library_metadata") (result i32 i32)
    (i32.store8 (i32.const 73) (i32.add (i32.const 48) (global.get $inits)))
    (call $concat (i32.const 48) (i32.const 27) (i32.const 0) (i32.const 0))))

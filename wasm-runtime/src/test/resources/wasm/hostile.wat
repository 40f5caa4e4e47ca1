;; A module that misbehaves on request. library_call looks at the first input byte:
;;   L  loops forever                 G  grows memory until memory.grow fails, then answers "ok"
;;   U  executes unreachable          R  recurses without end (stack overflow)
;;   O  replies with a pointer outside memory
;;   E  replies with a range that starts inside memory and ends outside it
;;   Z  replies with length 0         B  replies with 64 KiB (over a small output limit)
;;   anything else (or no input): replies "ok"
;; library_check always replies "ok". alloc is a bump allocator without dealloc.
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

  (func $recurse (param $depth i32) (result i32)
    (i32.add (call $recurse (i32.add (local.get $depth) (i32.const 1))) (i32.const 1)))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (local $op i32)
    (if (i32.eqz (local.get $n)) (then (return (i32.const 16) (i32.const 2))))
    (local.set $op (i32.load8_u (local.get $p)))
    (if (i32.eq (local.get $op) (i32.const 76)) ;; L
      (then (loop $forever (br $forever))))
    (if (i32.eq (local.get $op) (i32.const 71)) ;; G
      (then
        (loop $more (br_if $more (i32.ne (memory.grow (i32.const 16)) (i32.const -1))))
        (return (i32.const 16) (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 85)) ;; U
      (then (unreachable)))
    (if (i32.eq (local.get $op) (i32.const 82)) ;; R
      (then (return (call $recurse (i32.const 0)) (i32.const 2))))
    (if (i32.eq (local.get $op) (i32.const 79)) ;; O
      (then (return (i32.const -65536) (i32.const 16))))
    (if (i32.eq (local.get $op) (i32.const 69)) ;; E
      (then (return (i32.sub (i32.shl (memory.size) (i32.const 16)) (i32.const 10)) (i32.const 100))))
    (if (i32.eq (local.get $op) (i32.const 90)) ;; Z
      (then (return (i32.const 16) (i32.const 0))))
    (if (i32.eq (local.get $op) (i32.const 66)) ;; B
      (then (return (i32.const 0) (i32.const 65536))))
    (i32.const 16) (i32.const 2))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (i32.const 16) (i32.const 2)))

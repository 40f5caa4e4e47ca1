;; The benchmark module. library_call echoes its input (the smallest useful request/reply);
;; library_check reads a decimal N and replies with the number of primes <= N, counted with a
;; sieve of Eratosthenes over N + 1 bytes of linear memory (N = 1000000: about 3.7M operations).
;; alloc/dealloc: an arena that resets when every allocation is freed.
(module
  (memory (export "memory") 1)
  (global $heap (mut i32) (i32.const 1024))
  (global $live (mut i32) (i32.const 0))

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

  (func $dealloc (export "dealloc") (param $p i32) (param $n i32)
    (global.set $live (i32.sub (global.get $live) (i32.const 1)))
    (if (i32.eqz (global.get $live)) (then (global.set $heap (i32.const 1024)))))

  (func (export "library_call") (param $p i32) (param $n i32) (result i32 i32)
    (local $out i32)
    (local.set $out (call $alloc (local.get $n)))
    (memory.copy (local.get $out) (local.get $p) (local.get $n))
    (local.get $out) (local.get $n))

  (func $sieve (param $n i32) (result i32)
    (local $base i32) (local $i i32) (local $j i32) (local $count i32)
    (local.set $base (call $alloc (i32.add (local.get $n) (i32.const 1))))
    (memory.fill (local.get $base) (i32.const 0) (i32.add (local.get $n) (i32.const 1)))
    (local.set $i (i32.const 2))
    (block $done
      (loop $outer
        (br_if $done (i32.gt_u (local.get $i) (local.get $n)))
        (if (i32.eqz (i32.load8_u (i32.add (local.get $base) (local.get $i))))
          (then
            (local.set $count (i32.add (local.get $count) (i32.const 1)))
            (if (i32.le_u (local.get $i) (i32.div_u (local.get $n) (local.get $i)))
              (then
                (local.set $j (i32.mul (local.get $i) (local.get $i)))
                (loop $mark
                  (i32.store8 (i32.add (local.get $base) (local.get $j)) (i32.const 1))
                  (local.set $j (i32.add (local.get $j) (local.get $i)))
                  (br_if $mark (i32.le_u (local.get $j) (local.get $n))))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $outer)))
    (call $dealloc (local.get $base) (i32.add (local.get $n) (i32.const 1)))
    (local.get $count))

  (func (export "library_check") (param $p i32) (param $n i32) (result i32 i32)
    (local $k i32) (local $v i32) (local $out i32) (local $len i32)
    ;; parse decimal
    (block $parsed
      (loop $digit
        (br_if $parsed (i32.ge_u (local.get $k) (local.get $n)))
        (local.set $v
          (i32.add (i32.mul (local.get $v) (i32.const 10))
                   (i32.sub (i32.load8_u (i32.add (local.get $p) (local.get $k))) (i32.const 48))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $digit)))
    (local.set $v (call $sieve (local.get $v)))
    ;; format decimal, right to left, into 16 bytes
    (local.set $out (call $alloc (i32.const 16)))
    (local.set $k (i32.const 16))
    (loop $emit
      (local.set $k (i32.sub (local.get $k) (i32.const 1)))
      (i32.store8 (i32.add (local.get $out) (local.get $k))
                  (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $emit (i32.ne (local.get $v) (i32.const 0))))
    (local.set $len (i32.sub (i32.const 16) (local.get $k)))
    (memory.copy (local.get $out) (i32.add (local.get $out) (local.get $k)) (local.get $len))
    (local.get $out) (local.get $len)))

;; memory.grow under the cap the host wrote into the module: returns the old size, then -1.
;; `probe` grows by 1 page until it fails and returns the number of successful grows.
(module
  (memory (export "memory") 1)
  (func (export "probe") (result i32) (local $n i32)
    (block $done
      (loop $again
        (br_if $done (i32.eq (memory.grow (i32.const 1)) (i32.const -1)))
        (local.set $n (i32.add (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $n)))

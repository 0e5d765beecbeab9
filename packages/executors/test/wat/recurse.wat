;; Unbounded recursion on the engine's call stack (no shadow stack): a stack-overflow trap.
(module
  (func $down (export "down") (param i32) (result i32)
    (i32.add (call $down (i32.add (local.get 0) (i32.const 1))) (i32.const 1))))

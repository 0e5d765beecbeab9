;; A trivial export (the bench's warm call) and a _start-less module: `add` is called by name.
(module
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "answer") (result i32) (i32.const 42)))

;; Starts with 64 MiB of memory (1024 pages): above a 16 MiB cap it must be kind 'memory'.
(module (memory (export "memory") 1024) (func (export "answer") (result i32) (i32.const 1)))

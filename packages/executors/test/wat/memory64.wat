;; A 64-bit memory (memory64 proposal): must be refused with ERR_UNSUPPORTED_MODULE.
(module (memory i64 1) (func (export "answer") (result i32) (i32.const 1)))

;; A shared memory (threads proposal): must be refused with ERR_UNSUPPORTED_MODULE.
(module (memory 1 2 shared) (func (export "answer") (result i32) (i32.const 1)))

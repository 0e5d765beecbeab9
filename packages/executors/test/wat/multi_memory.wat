;; Two memories (multi-memory proposal): must be refused with ERR_UNSUPPORTED_MODULE.
(module (memory 1) (memory 1) (func (export "answer") (result i32) (i32.const 1)))

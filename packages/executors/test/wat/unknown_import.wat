;; Imports a function this host does not provide: must end as kind 'link', naming it.
(module
  (import "env" "launch_missiles" (func $launch (result i32)))
  (func (export "answer") (result i32) (call $launch)))

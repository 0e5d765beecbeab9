/**
 * `@shimkit/os-xen/testing/bundle-audit` — the bundle audit (Node/Web references on rollup's AST,
 * forbidden text, leftover imports), shared by the unikernel backends and kept here under its
 * published name: see `@shimkit/os-unikernel/testing/bundle-audit`.
 *
 * Test-side code (Node).
 */

export {
  auditBundle,
  type BundleAudit,
  FORBIDDEN_TEXT,
  NODE_AND_WEB_GLOBALS,
} from '@shimkit/os-unikernel/testing/bundle-audit';

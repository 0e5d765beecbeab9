// Generated from src/presets.ts by scripts/sync-presets.mjs: do not edit.
// Node without a bundler, condition "solo5": @shimkit/os-shim resolves to the solo5 backend.
// (Bundlers replace the specifier with an alias instead; see ../README.md.)
export { os } from '@shimkit/os-solo5';

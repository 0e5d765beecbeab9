// Generated from src/presets.ts by scripts/sync-presets.mjs: do not edit.
// Node without a bundler, condition "web" or "workerd" or "deno" or "bun" or "worker" or "browser": @shimkit/os-shim resolves to the web backend.
// (Bundlers replace the specifier with an alias instead; see ../README.md.)
export { os } from '@shimkit/os-web';

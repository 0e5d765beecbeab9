/**
 * A program written against `@shimkit/os-shim` only. The package build links it to os-unix with
 * rollup + @rollup/plugin-alias (`rollup.config.js`), exactly as a user's bundler would, into
 * `dist/link-check.bundle.mjs`; `link.test.ts` runs the bundle. Unbundled, it reaches the
 * unlinked shim and must fail with ERR_NO_BACKEND.
 */

import { os } from '@shimkit/os-shim';

const bytes = new Uint8Array(16);
os.random?.fill(bytes);
os.console.log(
  JSON.stringify({
    backend: os.name,
    random: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
    cycles: os.cpu.cycles(),
    rdrand: typeof os.cpu.rdrand,
  }),
);

/**
 * vitest globalSetup of the `executors` project: compiles the test modules (C with clang-16 +
 * wasi-libc, WAT with wabt) into `test/build/` before the tests run. Needs `scripts/setup.sh`
 * (Debian clang-16, lld-16, libclang-rt-16-dev-wasm32, wasi-libc); `npm ci` does not.
 */

import { buildModules } from './build-modules.mjs';

export default async function setup(): Promise<void> {
  await buildModules();
}

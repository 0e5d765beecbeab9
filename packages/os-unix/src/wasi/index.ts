/**
 * `@shimkit/os-unix/wasi` — the WASI 0.2 build of the unix backend.
 *
 * For JavaScript compiled into a WebAssembly component with ComponentizeJS: it imports the WASI
 * interfaces as ES modules (`wasi:random/random@0.2.12`, `wasi:clocks/*`, `wasi:io/poll`,
 * `wasi:cli/*`), which ComponentizeJS binds to the component's imports, so it only runs inside
 * such a component, hosted by a WASI 0.2 runtime (jco + preview2-shim in Node, wasmtime, …).
 * Link it in place of `@shimkit/os-shim` with `rollupAlias('wasi')` and keep `wasi:*` external.
 * Importing it calls no import and registers nothing.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { console } from './console.js';
import { createCpu } from './cpu.js';
import { env } from './env.js';
import { lifecycle } from './lifecycle.js';
import { createMain } from './main.js';
import { createRandom } from './random.js';
import { WASI_STATUS, type WasiStatus } from './status.js';
import { time } from './time.js';

export type * from '@shimkit/os-shim/contract';
export type { WasiStatus } from './status.js';

/** The WASI backend. */
export const os = {
  name: 'wasi',
  time,
  main: createMain(),
  cpu: createCpu(),
  random: createRandom(),
  env,
  lifecycle,
  console,
} as const satisfies Os;

/** What backs each capability. */
export function status(): WasiStatus {
  return WASI_STATUS;
}

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

/**
 * The WASI backend. Runs only inside a ComponentizeJS component whose world imports the WASI
 * 0.2.12 interfaces used here.
 *
 * @throws {ShimkitTypeError} / {ShimkitRangeError} for bad arguments, {OsRandomError}
 *   `ERR_OS_RANDOM` from `random.fill` when `get-random-bytes` fails (the view is then all zero).
 * @example
 * // bundled with rollupAlias('wasi'), `wasi:*` external, then componentized
 * import { os } from '@shimkit/os-shim';
 * os.random?.fill(new Uint8Array(32));
 */
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

/** What backs each capability (`WasiStatus`, a constant). Never throws. */
export function status(): WasiStatus {
  return WASI_STATUS;
}

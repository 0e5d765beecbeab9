/**
 * `@shimkit/os-web` — the shimkit OS backend for any runtime with Web Crypto and High Resolution
 * Time, and nothing else assumed: browsers (page and worker), Deno, Bun, Cloudflare workerd.
 *
 * Capability by capability (one file each, as in every backend):
 * `time.ts` (performance.now, Date.now, setTimeout), `main.ts` (a setTimeout task per iteration,
 * unref'd), `cpu.ts` (performance.now as the cycle counter; no CPU RNG, no accelerators),
 * `random.ts` (crypto.getRandomValues, captured at load), `env.ts`, `lifecycle.ts`, `console.ts`.
 * Link it in place of `@shimkit/os-shim` with `rollupAlias('web')` (or the vite / esbuild /
 * webpack helpers). Importing it reads the globals it needs and registers nothing.
 *
 * @example
 * ```ts
 * import { os, status } from '@shimkit/os-web';
 * const key = new Uint8Array(32);
 * os.random!.fill(key); // crypto.getRandomValues, in 64 KiB chunks
 * os.time.monotonicNs(); // bigint ns from performance.now()
 * status().osRandom.available; // true where Web Crypto exists
 * ```
 */

import type { Os } from '@shimkit/os-shim/contract';
import { console } from './console.js';
import { createCpu } from './cpu.js';
import { env } from './env.js';
import { lifecycle } from './lifecycle.js';
import { createMain } from './main.js';
import { createRandom } from './random.js';
import { type WebStatus, webStatus } from './status.js';
import { time } from './time.js';

export type * from '@shimkit/os-shim/contract';
export { WebExitError } from './lifecycle.js';
export { RANDOM_CHUNK } from './random.js';
export type { WebStatus } from './status.js';

/** The Web backend. */
export const os = {
  name: 'web',
  time,
  main: createMain(),
  cpu: createCpu(),
  random: createRandom(),
  env,
  lifecycle,
  console,
} as const satisfies Os;

/** What backs each capability (see `WebStatus`). */
export function status(): WebStatus {
  return webStatus();
}

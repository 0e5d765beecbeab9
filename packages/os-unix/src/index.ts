/**
 * `@shimkit/os-unix` — the shimkit OS backend for Node on Linux and macOS.
 *
 * Link it in place of `@shimkit/os-shim` (a bundler alias, or Node's default resolution). It
 * exports `os`, the contract object, built on the native addon when it loads and on pure
 * JavaScript otherwise (or when `SHIMKIT_NO_ADDON=1`); `status()` says which, and why.
 * Importing loads the addon (a `dlopen`) but draws no randomness and registers no hooks.
 */

import type { Cpuid } from '@shimkit/os-shim/cpu-rng';
import { ADDON_FIX, loadAddon } from './addon.js';
import { createFallbackOs } from './fallback/os.js';
import { createNativeOs } from './native/os.js';
import { describeLoad, type UnixStatus } from './status.js';

export type * from '@shimkit/os-shim/contract';
export type { UnixStatus } from './status.js';

const load = loadAddon();

if (load.binding === null && load.absence === 'missing') {
  // Once per thread: the program runs, on the fallback, and the user is told why and what to do.
  process.emitWarning(
    `@shimkit/os-unix is running on its pure-JavaScript fallback (no RDRAND/RDSEED, no native loop sampling, ` +
      `a millisecond wall clock): ${load.reason}. To fix: ${ADDON_FIX}.`,
    { code: 'SHIMKIT_ADDON_MISSING' },
  );
}

/**
 * The os-unix backend: native when the addon loaded, the JS fallback otherwise. Each member
 * follows the contract (`@shimkit/os-shim/contract`), so bad arguments throw synchronously.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER`, {ShimkitRangeError}
 *   `ERR_OUT_OF_RANGE` from any member given a bad argument; {OsRandomError} `ERR_OS_RANDOM` from
 *   `random.fill` when the OS fails (the view is then all zero).
 * @example
 * import { os } from '@shimkit/os-unix';
 * const key = new Uint8Array(32);
 * os.random.fill(key);                       // getrandom(2)
 * const off = os.main.atEnterIter(() => {}); // once per libuv loop iteration
 * off();
 */
export const os = load.binding ? createNativeOs(load.binding) : createFallbackOs();

/**
 * CPUID of this processor through the addon (`leaf` in EAX, `subleaf` in ECX) →
 * `[eax, ebx, ecx, edx]`, zeros for a leaf that does not exist; `undefined` without the addon
 * or off x86-64 hosts' addon (then every leaf reads as zeros). For diagnostics and for host
 * simulators that hand the real CPU to a unikernel backend.
 *
 * @example
 * cpuid?.(0, 0); // [0x10, 0x68747541, 0x444d4163, 0x69746e65] on an AMD part ("AuthenticAMD")
 */
export const cpuid: Cpuid | undefined = load.binding
  ? (leaf: number, subleaf: number) => {
      const binding = load.binding!;
      return binding.cpuid(leaf, subleaf);
    }
  : undefined;

/**
 * Which path is in use and why, and what backs each capability (`UnixStatus`). Never throws.
 *
 * @example
 * status().path;          // 'native' | 'fallback'
 * status().rdrand;        // { available: true, selfTest: 'pass' }
 * status().addon;         // { loaded: false, reason, fix } when neither a prebuild nor a build is there
 */
export function status(): UnixStatus {
  return describeLoad(load);
}

/**
 * `Random` on the Web platform: `crypto.getRandomValues` (W3C Web Cryptography API, §10.1.1),
 * the runtime's CSPRNG — in browsers and Deno seeded from the OS, in Bun and workerd BoringSSL's
 * `RAND_bytes`, itself fed by `getrandom(2)`.
 *
 * - Chunks: the API throws `QuotaExceededError` above 65 536 bytes per call, so the view is
 *   filled in chunks of at most 65 536 bytes.
 * - Shared memory: the API's argument is an `ArrayBufferView` without `[AllowShared]`, so a view
 *   over a `SharedArrayBuffer` is rejected with a `TypeError` in browsers (Node happens to accept
 *   it). Such views are filled through a private bounce buffer, chunk by chunk, then copied in;
 *   the bounce buffer is zeroed afterwards (best effort: JavaScript cannot promise erasure).
 * - Captured at load: the function is read from `globalThis.crypto` once, when this module is
 *   evaluated, and bound to that `crypto`. Code that later replaces `crypto.getRandomValues` or
 *   `globalThis.crypto` (a polyfill, a test mock, a hostile script) cannot substitute a weak
 *   source for ours. Code that ran before this module could; load the program's entry first.
 * - Failure: if the function is missing or any call throws, the whole view is zeroed and
 *   `OsRandomError` (`ERR_OS_RANDOM`) is thrown, carrying the cause: never partly filled, never
 *   filled from a weaker source.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { OsRandomError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';
import { web } from './web-globals.js';

/** Bytes per `getRandomValues` call: the API's quota. */
export const RANDOM_CHUNK = 65_536;

const source = web.crypto;
const getRandomValues: (<T extends ArrayBufferView>(array: T) => T) | undefined =
  source && typeof source.getRandomValues === 'function' ? source.getRandomValues.bind(source) : undefined;

/** True for a view over a SharedArrayBuffer, across realms and where the constructor is absent. */
function isShared(view: Uint8Array): boolean {
  return Object.prototype.toString.call(view.buffer) === '[object SharedArrayBuffer]';
}

/** Whether this runtime had `crypto.getRandomValues` when os-web was loaded. */
export const HAS_GET_RANDOM_VALUES = getRandomValues !== undefined;

export function createRandom(): Random {
  return {
    /**
     * Fills every byte of `dest` from `crypto.getRandomValues`.
     *
     * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` when `dest` is not a Uint8Array,
     *   `ERR_DETACHED_BUFFER` when its buffer is detached (nothing written).
     * @throws {OsRandomError} `ERR_OS_RANDOM` when the runtime has no `crypto.getRandomValues`
     *   or it throws; `dest` is then all zero.
     */
    fill(dest) {
      const view = assertBytes(dest, 'dest');
      if (view.length === 0) return;
      const bounce = isShared(view) ? new Uint8Array(Math.min(RANDOM_CHUNK, view.length)) : null;
      try {
        if (getRandomValues === undefined) throw new Error('this runtime has no crypto.getRandomValues (W3C Web Cryptography API)');
        for (let off = 0; off < view.length; off += RANDOM_CHUNK) {
          const end = Math.min(off + RANDOM_CHUNK, view.length);
          if (bounce === null) {
            getRandomValues(view.subarray(off, end));
          } else {
            const part = bounce.subarray(0, end - off);
            getRandomValues(part);
            view.set(part, off);
          }
        }
      } catch (cause) {
        view.fill(0);
        throw new OsRandomError(`crypto.getRandomValues failed: ${(cause as Error)?.message ?? String(cause)}`, { cause });
      } finally {
        bounce?.fill(0);
      }
    },
  };
}

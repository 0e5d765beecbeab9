/**
 * `Random` on the pure-JS path: Web Crypto's `crypto.getRandomValues` (Node's OpenSSL CSPRNG,
 * seeded from the OS), called on 65 536-byte chunks, its per-call limit. On failure the view is
 * zeroed and `OsRandomError` is thrown. Never `Math.random`.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { OsRandomError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';

/** Web Crypto's quota per `getRandomValues` call. */
export const GET_RANDOM_VALUES_MAX = 65_536;

export function createFallbackRandom(): Random {
  return {
    fill(dest) {
      const view = assertBytes(dest, 'dest');
      try {
        for (let off = 0; off < view.length; off += GET_RANDOM_VALUES_MAX) {
          globalThis.crypto.getRandomValues(view.subarray(off, off + GET_RANDOM_VALUES_MAX));
        }
      } catch (cause) {
        view.fill(0);
        throw new OsRandomError(`crypto.getRandomValues failed: ${(cause as Error).message}`, { cause });
      }
    },
  };
}

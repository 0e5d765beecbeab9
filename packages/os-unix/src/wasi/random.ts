/**
 * `Random` on WASI 0.2: `wasi:random/random.get-random-bytes`, which the interface defines as
 * cryptographically secure, never blocking, and always fresh.
 *
 * The WIT puts no limit on `len`, but every call returns a newly allocated list in guest memory
 * and hosts have their own ceilings (preview2-shim hands `len` to Node's `randomBytes`, which
 * refuses more than 2^31 - 1 and whose failure aborts the guest), so requests go out in chunks of
 * 65 536 bytes. Each chunk is checked to have exactly the length asked for, copied, and the
 * returned copy zeroed. On any failure the whole view is zeroed and `OsRandomError` is thrown:
 * never partly filled, never filled from a weaker source.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { OsRandomError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';
import { getRandomBytes } from 'wasi:random/random@0.2.12';

/** Bytes requested from `get-random-bytes` per call. */
export const RANDOM_CHUNK = 65_536;

export function createRandom(): Random {
  return {
    fill(dest) {
      const view = assertBytes(dest, 'dest');
      try {
        for (let off = 0; off < view.length; off += RANDOM_CHUNK) {
          const want = Math.min(RANDOM_CHUNK, view.length - off);
          const chunk = getRandomBytes(BigInt(want));
          // ArrayBuffer.isView, not instanceof: the binding may build the array in another realm.
          if (!ArrayBuffer.isView(chunk) || chunk.length !== want) {
            throw new Error(`get-random-bytes(${want}) returned ${chunk?.length ?? 'no'} bytes`);
          }
          view.set(chunk, off);
          chunk.fill(0);
        }
      } catch (cause) {
        view.fill(0);
        throw new OsRandomError(`wasi:random/random get-random-bytes failed: ${(cause as Error).message}`, { cause });
      }
    },
  };
}

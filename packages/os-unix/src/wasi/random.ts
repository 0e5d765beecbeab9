/**
 * `Random` on WASI 0.2: `wasi:random/random.get-random-bytes`, which the interface defines as
 * cryptographically secure, never blocking, and always fresh.
 *
 * The WIT puts no limit on `len`, but every call returns a newly allocated list in guest memory
 * and hosts have their own ceilings (preview2-shim hands `len` to Node's `randomBytes`, which
 * refuses more than 2^31 - 1 and whose failure aborts the guest), so requests go out in chunks of
 * 65 536 bytes, through the one chunked OS-random fill of `@shimkit/os-shim/os-random`. Each
 * chunk is checked to have exactly the length asked for, copied, and the returned copy zeroed.
 * On any failure the whole view is zeroed and `OsRandomError` is thrown: never partly filled,
 * never filled from a weaker source.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { fillFromOs, type OsRandomSource } from '@shimkit/os-shim/os-random';
import { getRandomBytes } from 'wasi:random/random@0.2.12';

/** Bytes requested from `get-random-bytes` per call. */
export const RANDOM_CHUNK = 65_536;

/** One chunk from `get-random-bytes(len)`, length-checked, copied and wiped. */
function fillChunk(dest: Uint8Array): void {
  const chunk = getRandomBytes(BigInt(dest.length));
  // ArrayBuffer.isView, not instanceof: the binding may build the array in another realm.
  if (!ArrayBuffer.isView(chunk) || chunk.length !== dest.length) {
    throw new Error(`get-random-bytes(${dest.length}) returned ${chunk?.length ?? 'no'} bytes`);
  }
  dest.set(chunk);
  chunk.fill(0);
}

const SOURCE: OsRandomSource = { name: 'wasi:random/random get-random-bytes', chunk: RANDOM_CHUNK, fill: fillChunk };

export function createRandom(): Random {
  return { fill: (dest) => fillFromOs(dest, SOURCE) };
}

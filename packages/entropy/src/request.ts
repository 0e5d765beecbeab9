/**
 * Argument checks for generator requests, shared by every generator and by the user API so that
 * all of them reject bad input the same way (class, `code`, wording), before anything is written.
 * Thin names over `@shimkit/os-shim/validate`; no Node or Web API is used.
 */

import { assertBytes, assertIntInRange, assertWritableBytes } from '@shimkit/os-shim/validate';

/** `n` MUST be an integer number in [0, max]. */
export function checkLength(n: unknown, max: number, name = 'n'): number {
  return assertIntInRange(n, name, 0, max);
}

/** `seed` MUST be a Uint8Array whose buffer is not detached. */
export function checkSeed(seed: unknown, name = 'seed'): Uint8Array {
  return assertBytes(seed, name);
}

/**
 * `dest` MUST be an integer-typed `ArrayBufferView` (any integer typed array, `DataView`, Node
 * `Buffer`; float arrays are refused like `getRandomValues` refuses them) over a live, writable
 * buffer, at most `max` bytes long. Returns a `Uint8Array` over the same bytes.
 */
export function checkDestination(dest: unknown, max: number, name = 'dest'): Uint8Array {
  return assertWritableBytes(dest, name, max);
}

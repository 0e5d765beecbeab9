/**
 * Argument checks for generator requests, shared by every generator and by the user API so that
 * all of them reject bad input the same way (class, `code`, wording), before anything is written.
 * Built on `@shimkit/os-shim/validate`; no Node or Web API is used.
 */

import { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
import { assertBytes, assertIntInRange, isDetached } from '@shimkit/os-shim/validate';

/** `n` MUST be an integer number in [0, max]. */
export function checkLength(n: unknown, max: number, name = 'n'): number {
  return assertIntInRange(n, name, 0, max);
}

/** `seed` MUST be a Uint8Array whose buffer is not detached. */
export function checkSeed(seed: unknown, name = 'seed'): Uint8Array {
  return assertBytes(seed, name);
}

/** True when the buffer cannot be written (an immutable `ArrayBuffer`, where the engine has them). */
function isReadOnly(view: ArrayBufferView): boolean {
  return (view.buffer as ArrayBuffer & { immutable?: boolean }).immutable === true;
}

/**
 * `dest` MUST be an `ArrayBufferView` (any typed array, `DataView`, Node `Buffer`) over a live,
 * writable buffer, at most `max` bytes long. Returns a `Uint8Array` over the same bytes.
 */
export function checkDestination(dest: unknown, max: number, name = 'dest'): Uint8Array {
  if (!ArrayBuffer.isView(dest)) {
    const got = dest === null ? 'null' : typeof dest === 'object' ? `an instance of ${dest.constructor?.name ?? 'Object'}` : typeof dest;
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be an ArrayBufferView (a typed array or DataView), got ${got}`);
  }
  if (isDetached(dest)) {
    throw new ShimkitTypeError('ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
  if (isReadOnly(dest)) {
    throw new ShimkitTypeError('ERR_READ_ONLY_BUFFER', `${name} is backed by a read-only (immutable) ArrayBuffer`);
  }
  if (dest.byteLength > max) {
    throw new ShimkitRangeError(`${name}.byteLength must be at most ${max}, got ${dest.byteLength}`);
  }
  return dest instanceof Uint8Array && dest.constructor === Uint8Array
    ? dest
    : new Uint8Array(dest.buffer, dest.byteOffset, dest.byteLength);
}

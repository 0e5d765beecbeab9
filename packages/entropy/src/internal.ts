/**
 * The package-internal serving protocol, so that a request is validated once, at the API edge,
 * and not again by every layer it passes through (issue 9 point 5).
 *
 * Every generator of this package has a `[SERVE](out)` method next to its public `fill`: `out`
 * is a plain `Uint8Array` the edge has already checked (live, writable, within the generator's
 * cap), and on any throw `[SERVE]` leaves `out` all zero. Fronts and the runtime call their
 * parent's `[SERVE]` when it has one and fall back to the public, self-validating `fill` for a
 * user's own `Generator`. The symbol is not exported from any entry of the package.
 */

import type { Generator } from './generator.js';

/**
 * Serves an already-validated destination; leaves it all zero if it throws. The optional second
 * argument `fresh` is true when the caller just allocated `out` (so it will not come back: no
 * point in remembering it for word copies).
 */
export const SERVE: unique symbol = Symbol('@shimkit/entropy serve');

export interface Serving {
  [SERVE](out: Uint8Array, fresh?: boolean): void;
}

/** `gen[SERVE]` when `gen` is one of ours, else its public `fill` (zeroing `out` on a throw). */
export function serverOf(gen: Generator): (out: Uint8Array, fresh?: boolean) => void {
  const own = (gen as Partial<Serving>)[SERVE];
  if (typeof own === 'function') return (out, fresh) => own.call(gen, out, fresh);
  return (out) => {
    try {
      gen.fill(out);
    } catch (error) {
      out.fill(0);
      throw error;
    }
  };
}

/**
 * Takes the next `nbytes` (1 … 6) bytes of output as a big-endian unsigned integer (what
 * `fill` of a `nbytes` scratch buffer followed by a big-endian read would give, without the
 * scratch buffer). Implemented by the ChaCha20 front, for `randomInt`.
 */
export const TAKE_UINT: unique symbol = Symbol('@shimkit/entropy take-uint');

export interface TakingUint {
  [TAKE_UINT](nbytes: number): number;
}

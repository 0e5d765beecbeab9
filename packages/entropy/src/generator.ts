/**
 * The interface every generator of this package implements, and the request limit they share.
 *
 * A `Generator` is a deterministic random bit generator (in the sense of NIST SP 800-90A §7):
 * its output is a function of the seed material it was given, nothing else. It never reads the
 * OS, a clock or `Math.random` to produce bytes; where a time is needed (rate limits, reseed
 * budgets) the caller injects a monotonic clock.
 *
 * Contract of every implementation:
 * - `generate(n)` returns exactly `n` fresh bytes; `fill(dest)` overwrites every byte of
 *   `dest` (any `ArrayBufferView`, over its `byteOffset`/`byteLength`) and nothing outside it.
 * - Before it was ever seeded it throws `UnseededError` (`ERR_UNSEEDED`) and returns no bytes.
 * - Bad arguments throw `ShimkitTypeError` / `ShimkitRangeError` with a stable code, before any
 *   state change or write: the destination is untouched. Float arrays are bad arguments (as for
 *   `getRandomValues`).
 * - Any other error (unseeded, reseed required, no entropy, a primitive failing midway) leaves
 *   the whole destination zero: never partly filled, never its old contents.
 * - The generators of this package validate once, at their public methods; fronts and the
 *   runtime call each other through an internal, non-validating path (`internal.ts`).
 */

/** The largest request any generator accepts in one call: 2^31 - 1 bytes. */
export const MAX_REQUEST = 0x7fff_ffff;

export interface Generator {
  /** A short, stable name for status output and error messages (`'fortuna'`, `'hmac-drbg-sha256'`, …). */
  readonly name: string;
  /** True once the generator has been seeded; it then stays true. */
  readonly seeded: boolean;
  /** Mixes `seed` into the state (the first call seeds the generator). */
  reseed(seed: Uint8Array): void;
  /** Returns `n` fresh bytes (`0 <= n <= maxRequest`). */
  generate(n: number): Uint8Array;
  /** Overwrites every byte of `dest` with fresh bytes. */
  fill(dest: ArrayBufferView): void;
  /** The largest `n` (or `dest.byteLength`) one call accepts; `MAX_REQUEST` when absent. */
  readonly maxRequest?: number;
  /**
   * True when the bulk primitive runs outside JavaScript (an OS backend accelerator). Fronts use
   * it to decide whether large requests go to this generator or stay in JavaScript.
   */
  readonly accelerated?: boolean;
}

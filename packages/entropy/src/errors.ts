/**
 * Errors of `@shimkit/entropy`.
 *
 * Argument errors are the OS layer's `ShimkitTypeError` / `ShimkitRangeError` (re-exported here),
 * so every shimkit package rejects bad input with the same classes and codes:
 * `ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`, `ERR_DETACHED_BUFFER`, `ERR_READ_ONLY_BUFFER`.
 * The generator errors below have their own stable `code`; messages say what to do next and may
 * change between versions. A generator that throws has written nothing to the caller's buffer.
 */

export { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
export type { ArgErrorCode } from '@shimkit/os-shim/errors';

/**
 * The generator has never been seeded, so it has no secret state and returns no bytes.
 * (The wording follows mirage-crypto-rng's `Unseeded_generator`: say what is missing and how to
 * supply it.)
 */
export class UnseededError extends Error {
  readonly code = 'ERR_UNSEEDED' as const;
  /** `name` of the generator that was asked for bytes. */
  readonly generator: string;
  constructor(generator: string) {
    super(
      `The ${generator} generator is not seeded, so it returns no bytes. Seed it first: ` +
        'call reseed(seed) with at least 32 bytes from a real entropy source ' +
        '(for Fortuna, add() enough entropy to pool 0 also works), ' +
        "or use the library's default instance, which seeds itself from the linked OS backend.",
    );
    this.name = 'UnseededError';
    this.generator = generator;
  }
}

/**
 * An HMAC_DRBG needs fresh entropy before it may generate again (SP 800-90A rev. 1 §9.3.1: the
 * reseed counter passed `reseed_interval`, or prediction resistance was requested) and it was
 * given no entropy callback to get it from.
 */
export class ReseedRequiredError extends Error {
  readonly code = 'ERR_RESEED_REQUIRED' as const;
  constructor(reason: string) {
    super(
      `${reason}. Call reseed(entropyInput) with at least 32 fresh bytes from an entropy source, ` +
        'or construct the generator with an `entropy` callback so that it reseeds itself.',
    );
    this.name = 'ReseedRequiredError';
  }
}

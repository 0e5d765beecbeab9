/**
 * Errors of `@shimkit/entropy`.
 *
 * Argument errors are the OS layer's `ShimkitTypeError` / `ShimkitRangeError` (re-exported here),
 * so every shimkit package rejects bad input with the same classes and codes:
 * `ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`, `ERR_DETACHED_BUFFER`, `ERR_READ_ONLY_BUFFER`.
 * The generator errors below have their own stable `code`; messages say what to do next and may
 * change between versions.
 *
 * What a throwing request leaves in the caller's buffer, for every `fill` of every generator,
 * of the ChaCha20 front, of `createRandom` and of the default instance:
 * - an argument error (`ShimkitTypeError` / `ShimkitRangeError`) is thrown before anything is
 *   touched: the destination is unchanged (it may not even be a writable buffer);
 * - any other error — `UnseededError`, `ReseedRequiredError`, `NoEntropyError`, a primitive or
 *   accelerator that failed midway — leaves the destination **all zero**, never partly filled.
 */

export { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
export type { ArgErrorCode } from '@shimkit/os-shim/errors';

/**
 * The generator has never been seeded, so it has no secret state and returns no bytes.
 * (The wording follows mirage-crypto-rng's `Unseeded_generator`: say what is missing and how to
 * supply it.) `how` is the generator's own way to be seeded; the default says `reseed(seed)`.
 */
export class UnseededError extends Error {
  readonly code = 'ERR_UNSEEDED' as const;
  /** `name` of the generator that was asked for bytes. */
  readonly generator: string;
  constructor(generator: string, how = 'call reseed(seed) with seed material carrying at least 256 bits of entropy (e.g. 32 bytes from the OS CSPRNG)') {
    super(
      `The ${generator} generator is not seeded, so it returns no bytes. Seed it first: ${how}, ` +
        "or use the library's default instance, which seeds itself from the linked OS backend " +
        'and counts as seeded only once its sources gave at least 256 bits of credited entropy.',
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
      `${reason}. Call reseed(entropyInput) with at least 32 fresh bytes (256 bits of entropy) from an entropy source, ` +
        'or construct the generator with an `entropy` callback so that it reseeds itself.',
    );
    this.name = 'ReseedRequiredError';
  }
}

/**
 * `@shimkit/entropy` — secure randomness for every shimkit target.
 *
 * This entry exports the deterministic core: the generators (Fortuna, HMAC_DRBG, the ChaCha20
 * fast-key-erasure front), the user API over any generator (`createRandom`), a seeded generator
 * for tests (`createUnsafeDeterministicRandom`, never for production) and the errors. Importing
 * it draws no randomness and starts nothing.
 */

export { type Aes256Ctr, jsAes256Ctr } from './aes-ctr.js';
export { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
export {
  CHACHA_FRONT_BATCH,
  CHACHA_FRONT_BULK_THRESHOLD,
  CHACHA_FRONT_RESEED_BYTES,
  CHACHA_FRONT_RESEED_INTERVAL_NS,
  ChaChaFront,
  type ChaChaFrontOptions,
} from './chacha-front.js';
export { ReseedRequiredError, ShimkitRangeError, ShimkitTypeError, UnseededError } from './errors.js';
export {
  FORTUNA_CHUNK,
  FORTUNA_MIN_POOL0,
  FORTUNA_POOLS,
  FORTUNA_RESEED_INTERVAL_NS,
  Fortuna,
  type FortunaOptions,
} from './fortuna.js';
export { type Generator, MAX_REQUEST } from './generator.js';
export {
  HMAC_DRBG_MAX_REQUEST,
  HMAC_DRBG_MAX_RESEED_INTERVAL,
  HMAC_DRBG_MIN_ENTROPY,
  HMAC_DRBG_MIN_ENTROPY_WITH_NONCE,
  HmacDrbg,
  type HmacDrbgGenerateOptions,
  type HmacDrbgHash,
  type HmacDrbgOptions,
} from './hmac-drbg.js';
export { createRandom, RANDOM_INT_MAX_RANGE, type Random } from './random.js';
export { createUnsafeDeterministicRandom, UNSAFE_DETERMINISTIC_NAME } from './unsafe-deterministic.js';

// The default instance: seeded lazily from the linked OS backend's sources (see default.ts).
export {
  fill,
  generate,
  initialize,
  isSeeded,
  notifyClone,
  randomBytes,
  randomInt,
  randomUUID,
  reseed,
  status,
  stop,
} from './default.js';
export { NoEntropyError } from './no-entropy-error.js';
export { EntropyRuntime, type InitializeOptions, type RuntimeOptions } from './runtime.js';
export type { EntropyStatus, SeedSource, SourceStatus } from './status.js';
export { SOURCE_IDS, type SourceName } from './sources/source-ids.js';

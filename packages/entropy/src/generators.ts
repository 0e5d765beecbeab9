/**
 * `@shimkit/entropy/generators` — the deterministic core on its own: Fortuna, HMAC_DRBG, the
 * ChaCha20 fast-key-erasure front, the user API over any generator (`createRandom`), the
 * pure-JavaScript keystreams and the errors. Nothing here imports an OS backend (nor the
 * `@shimkit/os-shim` entry), draws randomness or starts anything: a bundle that imports only
 * this subpath builds and runs with no backend linked. Seed material and accelerators are the
 * caller's to pass in.
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
export { wipe } from './wipe.js';

/**
 * `@shimkit/entropy` — secure randomness for every shimkit target.
 *
 * This entry exports the default instance (seeded lazily from the linked OS backend), its
 * runtime and status types, and — re-exported from `@shimkit/entropy/generators` — the
 * deterministic core: the generators (Fortuna, HMAC_DRBG, the ChaCha20 fast-key-erasure front),
 * the user API over any generator (`createRandom`) and the errors. The test-only seeded
 * generator is on `@shimkit/entropy/testing`. Importing it draws no randomness and starts nothing.
 */

export * from './generators.js';

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
export { EntropyRuntime, type InitializeOptions, MIN_SEED_ENTROPY_BITS, type RuntimeOptions, SEED_CREDIT_BITS } from './runtime.js';
export type { AcceleratorStatus, EntropyStatus, KeystreamPath, SeedSource, SourceHealth, SourceStatus } from './status.js';
export { SOURCE_IDS, type SourceName } from './sources/source-ids.js';

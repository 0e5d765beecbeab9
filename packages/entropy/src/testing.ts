/**
 * `@shimkit/entropy/testing` — helpers for tests of code that uses randomness. Kept off the main
 * entry so that production code has to ask for it by name.
 *
 * `createUnsafeDeterministicRandom(seed)` is reproducible from its seed: UNSAFE for keys, tokens,
 * nonces or anything else outside tests.
 */

export { createUnsafeDeterministicRandom, UNSAFE_DETERMINISTIC_NAME } from './unsafe-deterministic.js';

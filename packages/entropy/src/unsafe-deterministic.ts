/**
 * A seeded, reproducible generator FOR TESTS ONLY. Its whole output is a function of the seed
 * you pass, so anyone who knows or guesses the seed knows every byte: never use it for keys,
 * tokens, nonces or anything else in production.
 *
 * It is Fortuna (this package's `Fortuna`, reseeded once with the seed, never fed entropy), so
 * a given seed gives the same bytes on every target and on both AES paths.
 */

import { Fortuna } from './fortuna.js';
import { createRandom, type Random } from './random.js';
import { checkSeed } from './request.js';

/** Name of the generator, also shown in status output. */
export const UNSAFE_DETERMINISTIC_NAME = 'UNSAFE-deterministic-fortuna (tests only)';

class UnsafeDeterministicFortuna extends Fortuna {
  override readonly name = UNSAFE_DETERMINISTIC_NAME;
}

/**
 * A reproducible `Random` seeded with `seed` (any length, even empty). UNSAFE FOR PRODUCTION:
 * every output is predictable from the seed.
 */
export function createUnsafeDeterministicRandom(seed: Uint8Array): Random {
  const s = checkSeed(seed);
  const g = new UnsafeDeterministicFortuna();
  g.reseed(s);
  return createRandom(g);
}

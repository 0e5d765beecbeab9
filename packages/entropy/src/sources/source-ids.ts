/**
 * The entropy sources of @shimkit/entropy, each with the small numeric id that prefixes its
 * input to a Fortuna pool (the source-id byte of the pool input header).
 */

export const SOURCE_IDS = Object.freeze({
  /** Start-up seed: RDSEED, else RDRAND, else Whirlwind timing. Reseeds the generator directly. */
  bootstrap: 0,
  /** The OS CSPRNG (`os.random`), where the backend has one. Reseeds the generator directly. */
  'os-random': 1,
  /** Low bits of the cycle counter once per main-loop iteration, into the pools round-robin. */
  'loop-timer': 2,
  /** One RDRAND word into each pool, at most once per second. */
  'cpu-rng': 3,
});

export type SourceName = keyof typeof SOURCE_IDS;

/** Where sources put their bytes: Fortuna's pools. */
export interface PoolSink {
  add(source: number, pool: number, data: Uint8Array): void;
}

/** Fortuna's pool count. */
export const POOLS = 32;

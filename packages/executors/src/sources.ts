/**
 * Where the executors take time and randomness from. Every component that needs either takes it
 * as a parameter; the defaults are the linked OS backend's clocks (`@shimkit/os-shim`'s
 * `os.time`) and `@shimkit/entropy`'s default generator, so one build runs on every backend and a
 * test can pass a fixed clock and a seeded test generator instead.
 */

import { fill } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';

/** A clock pair in nanoseconds (the os-shim `Time` shape). */
export interface Clock {
  /** Monotonic time (never goes back), in ns, arbitrary epoch. */
  monotonicNs(): bigint;
  /** Wall-clock time, in ns since 1970-01-01T00:00:00Z. */
  wallNs(): bigint;
}

/** A source of cryptographically secure random bytes (entropy's `Random` satisfies it). */
export interface RandomSource {
  /** Overwrites every byte of `dest`; returns it. */
  fill<T extends ArrayBufferView>(dest: T): T;
}

/** The linked OS backend's clocks. */
export const osClock: Clock = {
  monotonicNs: () => os.time.monotonicNs(),
  wallNs: () => os.time.wallNs(),
};

/** `@shimkit/entropy`'s default generator. */
export const entropyRandom: RandomSource = { fill };

/**
 * A clock that never moves (for deterministic replay tests): both readings are constant.
 * @example const clock = fixedClock(1_700_000_000_000_000_000n, 42n);
 */
export function fixedClock(wallNs: bigint, monotonicNs = 0n): Clock {
  return { monotonicNs: () => monotonicNs, wallNs: () => wallNs };
}

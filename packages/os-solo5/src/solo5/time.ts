/**
 * `Time` on Solo5: `solo5_clock_monotonic()` (clamped so it never goes back, should a tender's
 * clock misbehave) and `solo5_clock_wall()`, both nanoseconds; `sleepNs` is a sleeper of the
 * `solo5_yield` main loop (`./main.ts`).
 */

import type { Solo5Host } from '../host.js';

/** The two Solo5 clocks. */
export function createSolo5Clock(host: Solo5Host): { monotonicNs(): bigint; wallNs(): bigint } {
  let last = 0n;
  return {
    monotonicNs(): bigint {
      const now = host.solo5_clock_monotonic();
      if (now > last) last = now;
      return last;
    },
    wallNs: () => host.solo5_clock_wall(),
  };
}

/**
 * `Time` on the native path (and, with another wall clock, on the fallback path): the monotonic clock is libuv's `uv_hrtime` (CLOCK_MONOTONIC on Linux,
 * mach_absolute_time on macOS) through `process.hrtime.bigint()`; the wall clock is given by the
 * caller (CLOCK_REALTIME from the addon, or `Date.now()` at millisecond resolution in the
 * fallback); sleeping is a ref'd `setTimeout`, as any awaited sleep keeps a program running.
 */

import type { Time } from '@shimkit/os-shim/contract';
import { assertNonNegativeInteger } from '@shimkit/os-shim/validate';
import type { Binding } from '../addon.js';

/** The largest delay Node's timers accept, in milliseconds (2^31 - 1). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `Time` over Node's monotonic clock with the wall clock `wallNs` (shared with the fallback path). */
export function createTime(wallNs: () => bigint): Time {
  const sleepNs = (ns: bigint | number): Promise<void> => {
    const total = assertNonNegativeInteger(ns, 'ns');
    const deadline = process.hrtime.bigint() + total;
    return new Promise<void>((resolve) => {
      const tick = (): void => {
        const left = deadline - process.hrtime.bigint();
        if (left <= 0n) return resolve();
        // Round up, so the promise never resolves before the deadline.
        const ms = Number((left + 999_999n) / 1_000_000n);
        setTimeout(tick, Math.min(ms, MAX_TIMER_MS));
      };
      if (total === 0n) setImmediate(resolve);
      else tick();
    });
  };
  return {
    monotonicNs: () => process.hrtime.bigint(),
    wallNs,
    sleepNs,
  };
}

/** `Time` on the addon: the wall clock is `clock_gettime(CLOCK_REALTIME)` in nanoseconds. */
export function createNativeTime(binding: Binding): Time {
  return createTime(() => binding.wallNs());
}

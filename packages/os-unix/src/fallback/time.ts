/**
 * `Time` on the fallback path: the monotonic clock and sleeping as on the native path
 * (`process.hrtime.bigint()`, a ref'd `setTimeout`; see `../native/time.ts`); the wall clock is
 * `Date.now()` in nanoseconds, at millisecond resolution (no `clock_gettime` without the addon).
 */

import type { Time } from '@shimkit/os-shim/contract';
import { createTime } from '../native/time.js';

/** The fallback wall clock: `Date.now()` in nanoseconds (millisecond resolution). */
export function dateWallNs(): bigint {
  return BigInt(Date.now()) * 1_000_000n;
}

/** `Time` without the addon. */
export function createFallbackTime(): Time {
  return createTime(dateWallNs);
}

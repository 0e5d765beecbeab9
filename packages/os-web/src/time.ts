/**
 * `Time` on the Web platform.
 *
 * - Monotonic: `performance.now()` (W3C High Resolution Time Level 3, §4: a `DOMHighResTimeStamp`
 *   in milliseconds from the time origin, monotonic by definition), converted to nanoseconds.
 *   Its resolution is what the runtime allows, not what the type suggests: browsers coarsen it
 *   to defend against timing side channels — Chromium and Firefox to 100 µs, or 5 µs when the
 *   page is cross-origin isolated (HR-Time §7.1 "Clock resolution"); Cloudflare workerd does not
 *   advance it at all while JavaScript runs (it moves only on I/O, timers included); Deno and
 *   Bun give about a microsecond or better. The values measured in each runtime are in the
 *   README. A reading is never below the previous one: should a runtime ever return a smaller
 *   value (jitter on a coarsened clock), the previous reading is returned again.
 * - Wall: `Date.now()` (ECMAScript §21.4.3.1), milliseconds since the Unix epoch, in nanoseconds.
 * - Sleep: `setTimeout` (HTML §8.6), re-armed until the monotonic clock says the time is up, so a
 *   timer that fires early (or a clamped timer) never ends a sleep early. `sleepNs(0)` yields one
 *   timer task. The timer of a sleep keeps a Node-like runtime alive, as any awaited timer does.
 */

import type { Time } from '@shimkit/os-shim/contract';
import { assertNonNegativeInteger } from '@shimkit/os-shim/validate';
import { web } from './web-globals.js';

const MS_NS = 1_000_000n;
/** The largest delay `setTimeout` honours (2^31 − 1 ms); longer sleeps re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Captured at load, like the random source: later changes to the global do not reach us. */
const perf = web.performance;
const perfNow: (() => number) | undefined = perf && typeof perf.now === 'function' ? perf.now.bind(perf) : undefined;

/**
 * The origin of `monotonicNs`: the timer's reading at the first call. Not the timer's own origin,
 * because workerd's `performance.now()` counts from the Unix epoch, and at about 1.8e18 ns a
 * double holds nanoseconds only to the nearest 256; not at load, because workerd reports time 0
 * while a script's top level runs.
 */
let origin: number | undefined;
let last = 0n;

/**
 * Nanoseconds since the first call, from `performance.now()`; never below the previous reading.
 *
 * @throws {Error} when the runtime has no `performance.now()` (not a Web runtime).
 */
export function monotonicNs(): bigint {
  if (perfNow === undefined) throw new Error('os-web needs performance.now() (W3C High Resolution Time); this runtime has none');
  // performance.now() is a double in ms with at most µs-fraction detail; round to whole ns.
  const reading = perfNow();
  origin ??= reading;
  const now = BigInt(Math.round((reading - origin) * 1e6));
  if (now > last) last = now;
  return last;
}

/** Nanoseconds since the Unix epoch, from `Date.now()` (millisecond resolution). */
export function wallNs(): bigint {
  return BigInt(Date.now()) * MS_NS;
}

function sleepNs(ns: bigint | number): Promise<void> {
  const total = assertNonNegativeInteger(ns, 'ns');
  if (total === 0n) return new Promise<void>((resolve) => void web.setTimeout(resolve, 0));
  const deadline = monotonicNs() + total;
  return new Promise<void>((resolve) => {
    const wake = (): void => {
      const left = deadline - monotonicNs();
      if (left <= 0n) {
        resolve();
        return;
      }
      // Round up, so the timer itself never fires before the deadline.
      const ms = Number((left + MS_NS - 1n) / MS_NS);
      web.setTimeout(wake, Math.min(ms, MAX_TIMER_MS));
    };
    wake();
  });
}

export const time: Time = { monotonicNs, wallNs, sleepNs };

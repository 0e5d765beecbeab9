/**
 * `Time` on WASI 0.2. The monotonic clock is `wasi:clocks/monotonic-clock.now` (nanoseconds,
 * non-decreasing by the interface's definition), the wall clock `wasi:clocks/wall-clock.now`
 * (`{seconds, nanoseconds}` since the Unix epoch).
 *
 * Sleeping: the deadline is a `wasi:clocks/monotonic-clock.subscribe-instant` pollable
 * (`wasi:io/poll`), which is what decides when the sleep is over. The guest is single-threaded
 * and must not block inside a promise-returning call, so the pollable is not `block()`ed: the
 * engine's event loop is woken with `setTimeout` (ComponentizeJS/StarlingMonkey implement timers
 * on the same two interfaces) and on each wake-up the pollable's `ready()` is asked; the handle is
 * dropped as soon as it is ready. `sleepNs(0)` yields one event-loop turn.
 */

import type { Time } from '@shimkit/os-shim/contract';
import { assertNonNegativeInteger } from '@shimkit/os-shim/validate';
import { now as monotonicNow, subscribeInstant } from 'wasi:clocks/monotonic-clock@0.2.12';
import { now as wallNow } from 'wasi:clocks/wall-clock@0.2.12';

/** Nanoseconds in a second and in a millisecond. */
const SECOND_NS = 1_000_000_000n;
const MS_NS = 1_000_000n;
/** The largest delay accepted by `setTimeout` (2^31 - 1 ms); longer sleeps re-arm. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock as nanoseconds since the epoch. */
export function wallNs(): bigint {
  const { seconds, nanoseconds } = wallNow();
  return seconds * SECOND_NS + BigInt(nanoseconds);
}

function sleepNs(ns: bigint | number): Promise<void> {
  const total = assertNonNegativeInteger(ns, 'ns');
  if (total === 0n) return new Promise<void>((resolve) => setTimeout(resolve, 0));
  const deadline = monotonicNow() + total;
  const pollable = subscribeInstant(deadline);
  return new Promise<void>((resolve) => {
    const wake = (): void => {
      if (pollable.ready()) {
        pollable[Symbol.dispose]();
        resolve();
        return;
      }
      // Round up, so that the timer itself never fires before the deadline.
      const left = deadline - monotonicNow();
      const ms = left > 0n ? Number((left + MS_NS - 1n) / MS_NS) : 0;
      setTimeout(wake, Math.min(ms, MAX_TIMER_MS));
    };
    wake();
  });
}

export const time: Time = {
  monotonicNs: () => monotonicNow(),
  wallNs,
  sleepNs,
};

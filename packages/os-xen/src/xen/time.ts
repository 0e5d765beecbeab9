/**
 * `Time` on Xen: pvclock over the shared-info page (`../pvclock.ts`, layout in
 * `../shared-info.ts`), as a PV kernel reads it.
 *
 * - `monotonicNs`: Xen system time of vCPU 0 (`vcpu_info[0].time` scaled from RDTSC under the
 *   version seqlock), clamped so it never goes back (Linux does the same for records without
 *   `XEN_PVCLOCK_TSC_STABLE_BIT`).
 * - `wallNs`: the `wc_sec_hi:wc_sec` / `wc_nsec` base (wall time at system time 0, under
 *   `wc_version`) plus system time.
 * - `sleepNs`: a sleeper of the event-channel main loop (`./main.ts`), which arms
 *   `set_timer_op` for the earliest deadline.
 */

import type { XenHost } from '../host.js';
import { readSystemTime, readWallClockBase } from '../pvclock.js';
import { PVCLOCK_TSC_STABLE_BIT } from '../shared-info.js';

/** The clocks, and what `status()` reports about them. */
export interface XenClock {
  monotonicNs(): bigint;
  wallNs(): bigint;
  /** XEN_PVCLOCK_TSC_STABLE_BIT as last read. */
  readonly stable: boolean;
  /** Seqlock retries so far (torn reads detected and discarded). */
  readonly retries: number;
}

/** The pvclock clocks of `host`'s shared-info page. */
export function createXenClock(host: XenHost): XenClock {
  const page = host.sharedInfo;
  const rdtsc = (): bigint => host.rdtsc();
  let last = 0n;
  let retries = 0;
  let stable = false;
  const monotonicNs = (): bigint => {
    const r = readSystemTime(page, rdtsc);
    retries += r.retries;
    stable = (r.info.flags & PVCLOCK_TSC_STABLE_BIT) !== 0;
    if (r.ns > last) last = r.ns;
    return last;
  };
  return {
    monotonicNs,
    wallNs: () => readWallClockBase(page).ns + monotonicNs(),
    get stable() {
      return stable;
    },
    get retries() {
      return retries;
    },
  };
}

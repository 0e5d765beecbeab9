/** What the Xen backend runs on and what it has done: for diagnostics and `@shimkit/entropy`'s status. */

import type { UnikernelStatus } from '@shimkit/os-unikernel/status';

/** `osRandom` (none: Xen has no OS random source), the CPU-RNG self-tests and `loop` are shared with Solo5. */
export interface XenStatus extends UnikernelStatus {
  readonly backend: 'xen';
  readonly monotonicClock: 'pvclock vcpu_info[0].time';
  readonly wallClock: 'shared_info wc_sec/wc_nsec + system time';
  readonly cycleCounter: 'rdtsc';
  /** XEN_PVCLOCK_TSC_STABLE_BIT as last read. */
  readonly tscStable: boolean;
  /** Seqlock retries of pvclock reads so far (torn reads detected and discarded). */
  readonly pvclockRetries: number;
  /** Wakeups by VIRQ_TIMER (one-shot or periodic timer) so far. */
  readonly timerEvents: number;
  /** Event-channel events acknowledged so far (all unmasked ports). */
  readonly events: number;
  /** `control/shutdown = suspend` requests answered through `host.suspend`, and resumes (clone hooks run). */
  readonly suspends: { readonly requested: number; readonly resumed: number };
}

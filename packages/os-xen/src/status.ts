/** What the Xen backend runs on and what it has done: for diagnostics and `@shimkit/entropy`'s status. */

import type { SelfTest } from './cpu.js';
import type { LoopCounters } from './loop.js';

export interface XenStatus {
  readonly backend: 'xen';
  readonly monotonicClock: 'pvclock vcpu_info[0].time';
  readonly wallClock: 'shared_info wc_sec/wc_nsec + system time';
  readonly cycleCounter: 'rdtsc';
  /** Xen has no OS random source: entropy comes from RDSEED/RDRAND and timing. */
  readonly osRandom: 'none';
  readonly rdrand: { readonly available: boolean; readonly selfTest: SelfTest };
  readonly rdseed: { readonly available: boolean; readonly selfTest: SelfTest };
  /** XEN_PVCLOCK_TSC_STABLE_BIT as last read. */
  readonly tscStable: boolean;
  /** Seqlock retries of pvclock reads so far (torn reads detected and discarded). */
  readonly pvclockRetries: number;
  /** Wakeups by VIRQ_TIMER (one-shot or periodic timer) so far. */
  readonly timerEvents: number;
  /** Event-channel events acknowledged so far (all unmasked ports). */
  readonly events: number;
  readonly loop: LoopCounters;
}

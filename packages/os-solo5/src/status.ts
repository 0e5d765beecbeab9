/** What the Solo5 backend runs on and what it has done: for diagnostics and `@shimkit/entropy`'s status. */

import type { UnikernelStatus } from '@shimkit/os-unikernel/status';

/** `osRandom` (none: Solo5 has no OS random source), the CPU-RNG self-tests and `loop` are shared with Xen. */
export interface Solo5Status extends UnikernelStatus {
  readonly backend: 'solo5';
  readonly monotonicClock: 'solo5_clock_monotonic';
  readonly wallClock: 'solo5_clock_wall';
  readonly cycleCounter: 'cpu_cycles';
  /** Handles reported ready by `solo5_yield` so far (sum of set bits). */
  readonly readyHandles: number;
}

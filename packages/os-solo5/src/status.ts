/** What the Solo5 backend runs on and what it has done: for diagnostics and `@shimkit/entropy`'s status. */

import type { SelfTest } from './cpu.js';
import type { LoopCounters } from './loop.js';

export interface Solo5Status {
  readonly backend: 'solo5';
  readonly monotonicClock: 'solo5_clock_monotonic';
  readonly wallClock: 'solo5_clock_wall';
  readonly cycleCounter: 'cpu_cycles';
  /** Solo5 has no OS random source: entropy comes from RDSEED/RDRAND and timing. */
  readonly osRandom: 'none';
  readonly rdrand: { readonly available: boolean; readonly selfTest: SelfTest };
  readonly rdseed: { readonly available: boolean; readonly selfTest: SelfTest };
  /** Handles reported ready by `solo5_yield` so far (sum of set bits). */
  readonly readyHandles: number;
  readonly loop: LoopCounters;
}

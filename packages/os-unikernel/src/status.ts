/**
 * What every unikernel backend's `status()` reports, whatever its platform: no OS random source
 * (entropy comes from RDSEED/RDRAND and timing), the CPU-RNG self-tests (`./cpu.ts`) and the main
 * loop's counters (`./loop.ts`). Each backend extends it with its clock sources and platform
 * counters.
 */

import type { CpuRngStatus } from '@shimkit/os-shim/cpu-rng';
import type { LoopCounters } from './main.js';

export interface UnikernelStatus {
  /** No OS random source on these platforms: entropy comes from RDSEED/RDRAND and timing. */
  readonly osRandom: 'none';
  readonly rdrand: CpuRngStatus;
  readonly rdseed: CpuRngStatus;
  readonly loop: LoopCounters;
}

/**
 * `Cpu` for a unikernel guest: the cycle counter is the host's 64-bit counter (RDTSC on x86-64,
 * CNTVCT_EL0 on aarch64; `cycles()` is its low 32 bits); RDRAND and RDSEED are the host's
 * single-instruction wrappers under the one CPU-RNG policy of `@shimkit/os-shim/cpu-rng` — the
 * same definition os-unix's addon is driven by: 10 tries of RDRAND and 100 of RDSEED per draw,
 * the all-ones value (unsigned, or `-1n` from BigInt64 glue) a failure, never a value, and at
 * start-up (when the backend is first used) the AMD family exclusion over the host's CPUID and
 * Linux's 8-draw self-test. An instruction that does not pass is absent from `Cpu`, and the
 * backend's `status()` says why (`cpuRngStatus`). Draws made by the checks are discarded.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import {
  CPU_RNG_POLICY,
  checkCpuRng,
  type Cpuid,
  type CpuRngSelfTest,
  type CpuRngStatus,
  drawWithRetries,
} from '@shimkit/os-shim/cpu-rng';

export type { Cpuid, CpuidRegisters, CpuRngSelfTest, CpuRngStatus } from '@shimkit/os-shim/cpu-rng';

/**
 * One execution of RDRAND/RDSEED as a host wrapper returns it: the 64-bit destination register
 * (unsigned, or signed as BigInt64 glue gives it), or `null` when the carry flag was clear.
 */
export type CpuRngDraw = bigint | null;

const LOW32 = 0xffffffffn;

/** The unikernel `Cpu` and the start-up verdicts of RDRAND and RDSEED. */
export interface CpuParts {
  readonly cpu: Cpu;
  readonly rdrandSelfTest: CpuRngSelfTest;
  readonly rdseedSelfTest: CpuRngSelfTest;
}

/** The host's processor: its counter, and, where it has them, the instructions and CPUID. */
export interface HostCpu {
  /** The 64-bit cycle counter. */
  counter(): bigint;
  /** One RDRAND instruction (absent when CPUID does not advertise RDRAND). */
  rdrand?: (() => CpuRngDraw) | undefined;
  /** One RDSEED instruction; PAUSE after a clear carry is the host's. */
  rdseed?: (() => CpuRngDraw) | undefined;
  /** CPUID; required by the host ABI whenever `rdrand` or `rdseed` is offered. */
  cpuid?: Cpuid | undefined;
}

const NO_CPUID: Cpuid = () => [0, 0, 0, 0];

/**
 * Builds `Cpu` over the host's processor and runs the start-up checks.
 *
 * @example
 * const { cpu, rdrandSelfTest } = createCpu({ counter: () => host.rdtsc(), rdrand: host.rdrand, cpuid: host.cpuid });
 */
export function createCpu(host: HostCpu): CpuParts {
  const { rdrand, rdseed } = host;
  const drand = rdrand && (() => drawWithRetries(rdrand, CPU_RNG_POLICY.rdrandRetries));
  const dseed = rdseed && (() => drawWithRetries(rdseed, CPU_RNG_POLICY.rdseedRetries));
  const verdict = checkCpuRng({ cpuid: host.cpuid ?? NO_CPUID, rdrand: drand, rdseed: dseed });
  const cpu: Cpu = { cycles: () => Number(host.counter() & LOW32) };
  if (drand && verdict.rdrand === 'pass') cpu.rdrand = drand;
  if (dseed && verdict.rdseed === 'pass') cpu.rdseed = dseed;
  return { cpu, rdrandSelfTest: verdict.rdrand, rdseedSelfTest: verdict.rdseed };
}

/**
 * The `rdrand` / `rdseed` parts of a backend's `status()`.
 *
 * @example
 * cpuRngStatus(createCpu({ counter })).rdrand; // { available: false, selfTest: 'not-advertised' }
 */
export function cpuRngStatus(parts: CpuParts): { readonly rdrand: CpuRngStatus; readonly rdseed: CpuRngStatus } {
  return {
    rdrand: { available: parts.cpu.rdrand !== undefined, selfTest: parts.rdrandSelfTest },
    rdseed: { available: parts.cpu.rdseed !== undefined, selfTest: parts.rdseedSelfTest },
  };
}

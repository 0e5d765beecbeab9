/**
 * `Cpu` for a unikernel guest: the cycle counter is the host's 64-bit counter (RDTSC on x86-64,
 * CNTVCT_EL0 on aarch64; `cycles()` is its low 32 bits), RDRAND and RDSEED are the host's
 * single-instruction wrappers with the retry policy of Intel's DRNG guide (10 tries for RDRAND,
 * 100 for RDSEED, which may run dry under load) and the all-ones value that some AMD parts return
 * on failure reported as a failure, never as a value.
 *
 * Start-up self-test (when the backend is first used): three RDRAND (RDSEED) draws; if none
 * succeeds, or every successful draw is the same value, the instruction is treated as absent
 * and the backend's `status()` says why (`cpuRngStatus`). Draws made by the self-test are
 * discarded.
 */

import type { Cpu, CpuRngResult } from '@shimkit/os-shim/contract';

/** One execution of RDRAND/RDSEED: the 64-bit destination register, or `null` when CF was clear. */
export type CpuRngDraw = bigint | null;

export const RDRAND_RETRIES = 10;
export const RDSEED_RETRIES = 100;
const ALL_ONES_VALUE = (1n << 64n) - 1n;
const LOW32 = 0xffffffffn;

const NO_CARRY: CpuRngResult = Object.freeze({ ok: false, reason: 'no-carry' });
const ALL_ONES: CpuRngResult = Object.freeze({ ok: false, reason: 'all-ones' });

/** One contract-level draw: up to `retries` instructions. */
export function drawWithRetries(instruction: () => CpuRngDraw, retries: number): CpuRngResult {
  for (let i = 0; i < retries; i++) {
    const raw = instruction();
    if (raw === null) continue;
    if (raw === ALL_ONES_VALUE) return ALL_ONES;
    return { ok: true, value: raw & ALL_ONES_VALUE };
  }
  return NO_CARRY;
}

/** The result of the start-up self-test of one instruction. */
export type SelfTest = 'pass' | 'absent' | 'no value in 3 draws' | 'stuck value';

export function selfTest(draw: (() => CpuRngResult) | undefined): SelfTest {
  if (draw === undefined) return 'absent';
  const values = new Set<bigint>();
  let ok = 0;
  for (let i = 0; i < 3; i++) {
    const r = draw();
    if (r.ok) {
      ok++;
      values.add(r.value);
    }
  }
  if (ok === 0) return 'no value in 3 draws';
  if (ok > 1 && values.size === 1) return 'stuck value';
  return 'pass';
}

export interface CpuParts {
  readonly cpu: Cpu;
  readonly rdrandSelfTest: SelfTest;
  readonly rdseedSelfTest: SelfTest;
}

export function createCpu(
  counter: () => bigint,
  rdrand: (() => CpuRngDraw) | undefined,
  rdseed: (() => CpuRngDraw) | undefined,
): CpuParts {
  const drand = rdrand && (() => drawWithRetries(rdrand, RDRAND_RETRIES));
  const dseed = rdseed && (() => drawWithRetries(rdseed, RDSEED_RETRIES));
  const rdrandSelfTest = selfTest(drand);
  const rdseedSelfTest = selfTest(dseed);
  const cpu: Cpu = { cycles: () => Number(counter() & LOW32) };
  if (drand && rdrandSelfTest === 'pass') cpu.rdrand = drand;
  if (dseed && rdseedSelfTest === 'pass') cpu.rdseed = dseed;
  return { cpu, rdrandSelfTest, rdseedSelfTest };
}

/** One instruction in a backend's `status()`: whether `Cpu` offers it, and its self-test. */
export interface CpuRngStatus {
  readonly available: boolean;
  readonly selfTest: SelfTest;
}

/** The `rdrand` / `rdseed` parts of a backend's `status()`. */
export function cpuRngStatus(parts: CpuParts): { readonly rdrand: CpuRngStatus; readonly rdseed: CpuRngStatus } {
  return {
    rdrand: { available: parts.cpu.rdrand !== undefined, selfTest: parts.rdrandSelfTest },
    rdseed: { available: parts.cpu.rdseed !== undefined, selfTest: parts.rdseedSelfTest },
  };
}

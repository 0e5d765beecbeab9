/**
 * `Cpu` on the native path: the cycle counter (RDTSC / CNTVCT_EL0) and, when CPUID advertises
 * them and they passed the addon's start-up self-test, RDRAND and RDSEED (carry flag checked,
 * 10 retries for RDRAND and 100 for RDSEED, all-ones reported as a failure).
 */

import type { Cpu, CpuRngResult } from '@shimkit/os-shim/contract';
import type { Binding } from './addon.js';

const NO_CARRY: CpuRngResult = Object.freeze({ ok: false, reason: 'no-carry' });
const ALL_ONES: CpuRngResult = Object.freeze({ ok: false, reason: 'all-ones' });

function toResult(raw: bigint | 1 | 2): CpuRngResult {
  if (typeof raw === 'bigint') return { ok: true, value: raw };
  return raw === 2 ? ALL_ONES : NO_CARRY;
}

export function createNativeCpu(binding: Binding): Cpu {
  const features = binding.features();
  const cpu: Cpu = { cycles: () => binding.cycles() };
  if (features.rdrand) cpu.rdrand = () => toResult(binding.rdrand());
  if (features.rdseed) cpu.rdseed = () => toResult(binding.rdseed());
  return cpu;
}

/**
 * `Cpu` on the native path: the cycle counter (RDTSC / CNTVCT_EL0), RDRAND and RDSEED when CPUID
 * advertises them and they passed the start-up self-test (carry flag checked, 10 retries for
 * RDRAND and 100 for RDSEED, all-ones reported as a failure), and the stream-cipher
 * accelerators `aes256Ctr` / `chacha20` (OpenSSL EVP in the addon, `../stream-ciphers.ts`).
 */

import type { Cpu, CpuRngResult } from '@shimkit/os-shim/contract';
import type { Binding } from '../addon.js';
import { createNativeAes256Ctr, createNativeChacha20 } from '../stream-ciphers.js';

const NO_CARRY: CpuRngResult = Object.freeze({ ok: false, reason: 'no-carry' });
const ALL_ONES: CpuRngResult = Object.freeze({ ok: false, reason: 'all-ones' });

function toResult(raw: bigint | 1 | 2): CpuRngResult {
  if (typeof raw === 'bigint') return { ok: true, value: raw };
  return raw === 2 ? ALL_ONES : NO_CARRY;
}

/** The native `Cpu` over a loaded addon. */
export function createNativeCpu(binding: Binding): Cpu {
  const features = binding.features();
  const cpu: Cpu = {
    cycles: () => binding.cycles(),
    aes256Ctr: createNativeAes256Ctr(binding),
    chacha20: createNativeChacha20(binding),
  };
  if (features.rdrand) cpu.rdrand = () => toResult(binding.rdrand());
  if (features.rdseed) cpu.rdseed = () => toResult(binding.rdseed());
  return cpu;
}

/**
 * `Cpu` on the native path: the cycle counter (RDTSC / CNTVCT_EL0); RDRAND and RDSEED under the
 * one CPU-RNG policy of `@shimkit/os-shim/cpu-rng` — the addon executes the instructions with the
 * policy's retry counts (handed to it here, once per thread), this module decodes each register
 * (all-ones is a failure, never a value) and runs the start-up checks (Linux's 8-draw self-test,
 * the AMD family exclusion) over the addon's draws and CPUID; an instruction is present in `Cpu`
 * only when they pass — and the stream-cipher accelerators `aes256Ctr` / `chacha20` (OpenSSL
 * EVP in the addon, `../stream-ciphers.ts`).
 */

import type { Cpu, CpuRngResult } from '@shimkit/os-shim/contract';
import { CPU_RNG_POLICY, checkCpuRng, type CpuRngSelfTest, decodeCpuRngValue } from '@shimkit/os-shim/cpu-rng';
import type { Binding } from '../addon.js';
import { createNativeAes256Ctr, createNativeChacha20 } from '../stream-ciphers.js';

const NO_CARRY: CpuRngResult = Object.freeze({ ok: false, reason: 'no-carry' });

/** The native `Cpu` and the start-up verdicts of RDRAND and RDSEED. */
export interface NativeCpu {
  readonly cpu: Cpu;
  readonly rdrandSelfTest: CpuRngSelfTest;
  readonly rdseedSelfTest: CpuRngSelfTest;
}

/** The parts of the addon the CPU RNG uses (a seam for failure-injection tests). */
export type CpuRngBinding = Pick<Binding, 'features' | 'cpuid' | 'configureCpuRng' | 'rdrand' | 'rdseed'>;

/** RDRAND / RDSEED over the addon and the policy's verdicts. */
export type NativeCpuRng = Omit<NativeCpu, 'cpu'> & Pick<Cpu, 'rdrand' | 'rdseed'>;

const checked = new WeakMap<CpuRngBinding, NativeCpuRng>();

/**
 * RDRAND / RDSEED over the addon, checked by the policy once per addon instance (so once per
 * thread): `os.cpu` and `status()` share the verdicts.
 */
export function nativeCpuRng(binding: CpuRngBinding): NativeCpuRng {
  let rng = checked.get(binding);
  if (rng === undefined) {
    rng = createNativeCpuRng(binding);
    checked.set(binding, rng);
  }
  return rng;
}

/** RDRAND / RDSEED over the addon, checked by the policy (runs the start-up checks). */
export function createNativeCpuRng(binding: CpuRngBinding): NativeCpuRng {
  binding.configureCpuRng(CPU_RNG_POLICY.rdrandRetries, CPU_RNG_POLICY.rdseedRetries);
  const features = binding.features();
  const decode = (raw: bigint | null): CpuRngResult => (raw === null ? NO_CARRY : decodeCpuRngValue(raw));
  const rdrand = features.rdrandCpuid ? () => decode(binding.rdrand()) : undefined;
  const rdseed = features.rdseedCpuid ? () => decode(binding.rdseed()) : undefined;
  const verdict = checkCpuRng({ cpuid: (leaf, sub) => binding.cpuid(leaf, sub), rdrand, rdseed });
  const out: NativeCpuRng = {
    rdrandSelfTest: verdict.rdrand,
    rdseedSelfTest: verdict.rdseed,
  };
  if (rdrand && verdict.rdrand === 'pass') out.rdrand = rdrand;
  if (rdseed && verdict.rdseed === 'pass') out.rdseed = rdseed;
  return out;
}

/** The native `Cpu` over a loaded addon. */
export function createNativeCpu(binding: Binding): NativeCpu {
  const rng = nativeCpuRng(binding);
  const cpu: Cpu = {
    cycles: () => binding.cycles(),
    aes256Ctr: createNativeAes256Ctr(binding),
    chacha20: createNativeChacha20(binding),
  };
  if (rng.rdrand) cpu.rdrand = rng.rdrand;
  if (rng.rdseed) cpu.rdseed = rng.rdseed;
  return { cpu, rdrandSelfTest: rng.rdrandSelfTest, rdseedSelfTest: rng.rdseedSelfTest };
}

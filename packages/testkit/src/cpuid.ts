/**
 * CPUID fixtures for tests of the CPU-RNG policy (`@shimkit/os-shim/cpu-rng`, rule 4): the
 * registers of leaves 0 and 1 that a processor of a given vendor and display family returns,
 * encoded as the Intel SDM (Vol. 2A, CPUID) and AMD's CPUID specification lay them out — the
 * vendor string in EBX, EDX, ECX (little-endian ASCII), the family in leaf 1's EAX (base family in
 * bits 8–11, extended family in bits 20–27 when the base is 0xF), RDRAND in leaf 1's ECX bit 30.
 */

import type { Cpuid } from '@shimkit/os-shim/cpu-rng';

/** Leaf-1 EAX of a processor of display family `family` (model and stepping 0). */
export function familyEax(family: number): number {
  return family < 0xf ? family << 8 : ((0xf << 8) | ((family - 0xf) << 20)) >>> 0;
}

function word(text: string): number {
  return (text.charCodeAt(0) | (text.charCodeAt(1) << 8) | (text.charCodeAt(2) << 16) | (text.charCodeAt(3) << 24)) >>> 0;
}

/** CPUID of a processor of `vendor` and display `family`: leaves 0 and 1, zeros elsewhere. */
export function cpuidOf(vendor: 'AuthenticAMD' | 'GenuineIntel', family: number): Cpuid {
  const ebx = word(vendor.slice(0, 4));
  const edx = word(vendor.slice(4, 8));
  const ecx = word(vendor.slice(8, 12));
  return (leaf) => (leaf === 0 ? [0x10, ebx, ecx, edx] : leaf === 1 ? [familyEax(family), 0, 1 << 30, 0] : [0, 0, 0, 0]);
}

/** An AMD family-16h part (Jaguar): excluded by the policy. */
export const AMD_16H = cpuidOf('AuthenticAMD', 0x16);
/** An AMD family-17h part (Zen): the first family the policy uses. */
export const AMD_17H = cpuidOf('AuthenticAMD', 0x17);
/** An Intel family-6 part. */
export const INTEL_6 = cpuidOf('GenuineIntel', 6);

/**
 * `Cpu` on Solo5: `cycles()` is the low 32 bits of the host's cycle counter (RDTSC on x86-64,
 * CNTVCT_EL0 on aarch64; Solo5 does not wrap it, the guest executes it); RDRAND and RDSEED are
 * the host's single-instruction wrappers under the CPU-RNG policy of `@shimkit/os-unikernel/cpu`.
 * No stream-cipher accelerators.
 */

import { type CpuParts, createCpu } from '@shimkit/os-unikernel/cpu';
import type { Solo5Host } from '../host.js';

export function createSolo5Cpu(host: Solo5Host): CpuParts {
  return createCpu({ counter: () => host.cpu_cycles(), rdrand: host.rdrand, rdseed: host.rdseed, cpuid: host.cpuid });
}

/**
 * `Cpu` on Xen: `cycles()` is the low 32 bits of RDTSC; RDRAND and RDSEED are the host's
 * single-instruction wrappers under the CPU-RNG policy of `@shimkit/os-unikernel/cpu`. No
 * stream-cipher accelerators: a guest JavaScript engine has no native AES or ChaCha20 to offer.
 */

import { type CpuParts, createCpu } from '@shimkit/os-unikernel/cpu';
import type { XenHost } from '../host.js';

/** The Xen `Cpu` and its self-test results. */
export function createXenCpu(host: XenHost): CpuParts {
  return createCpu({ counter: () => host.rdtsc(), rdrand: host.rdrand, rdseed: host.rdseed, cpuid: host.cpuid });
}

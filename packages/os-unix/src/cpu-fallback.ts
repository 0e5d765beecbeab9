/**
 * `Cpu` on the pure-JS path: the cycle counter is the low 32 bits of `process.hrtime.bigint()`
 * (nanoseconds); there is no RDRAND or RDSEED.
 */

import type { Cpu } from '@shimkit/os-shim/contract';

const LOW32 = 0xffff_ffffn;

export function createFallbackCpu(): Cpu {
  return { cycles: () => Number(process.hrtime.bigint() & LOW32) };
}

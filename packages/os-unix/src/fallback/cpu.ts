/**
 * `Cpu` on the pure-JS path: the cycle counter is the low 32 bits of `process.hrtime.bigint()`
 * (nanoseconds); there is no RDRAND or RDSEED; the stream-cipher accelerators `aes256Ctr` /
 * `chacha20` are OpenSSL through `node:crypto` (`../stream-ciphers.ts`).
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { aes256Ctr, chacha20 } from '../stream-ciphers.js';

const LOW32 = 0xffff_ffffn;

/** The fallback `Cpu`. */
export function createFallbackCpu(): Cpu {
  return { cycles: () => Number(process.hrtime.bigint() & LOW32), aes256Ctr, chacha20 };
}

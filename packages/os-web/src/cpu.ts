/**
 * `Cpu` on the Web platform. JavaScript in a Web runtime can read no cycle counter and execute no
 * CPU random instruction, so `rdrand` / `rdseed` are absent, and so are the `aes256Ctr` /
 * `chacha20` accelerators (Web Crypto's AES is asynchronous only; the contract's is synchronous).
 *
 * `cycles()` is the best timer there is, `performance.now()`, in nanoseconds, low 32 bits. That
 * timer is coarse in browsers (100 µs, 5 µs cross-origin isolated) and frozen during execution
 * in workerd, so two calls often read the same value; the contract requires consecutive calls to
 * differ, and spinning until the timer moves would take up to 100 µs a call in a browser and
 * forever in workerd. So the counter is a logical clock over the timer: each value is the larger
 * of the timer reading and the previous value + 1. Within one timer tick, values therefore step
 * by exactly 1 and carry no timing information at all; the entropy runtime's health tests and
 * start-up assessment see such a source as what it is (constant differences) and must not credit
 * it. Where the timer is fine (Deno, Bun: about 1 µs or better), the values are the timer's.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { web } from './web-globals.js';

const perf = web.performance;
const perfNow: (() => number) | undefined = perf && typeof perf.now === 'function' ? perf.now.bind(perf) : undefined;

export function createCpu(): Cpu {
  /** The previous value in full (nanoseconds since the time origin, an integer below 2^53). */
  let last = -1;
  return {
    cycles() {
      if (perfNow === undefined) throw new Error('os-web needs performance.now() (W3C High Resolution Time); this runtime has none');
      const reading = Math.round(perfNow() * 1e6);
      last = reading > last ? reading : last + 1;
      // ToUint32: the value modulo 2^32, exact for integers below 2^53.
      return last >>> 0;
    },
  };
}

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
 * it. Where the timer is fine (Deno, Bun: 0.1 µs or better), the values are the timer's.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { web } from './web-globals.js';

const perf = web.performance;
const perfNow: (() => number) | undefined = perf && typeof perf.now === 'function' ? perf.now.bind(perf) : undefined;

export function createCpu(): Cpu {
  if (perfNow === undefined) throw new Error('os-web needs performance.now() (W3C High Resolution Time); this runtime has none');
  const read = perfNow;
  // Readings count from the first call, not from the timer's own origin: workerd's
  // performance.now() counts from the Unix epoch (about 1.8e12 ms), which in nanoseconds is past
  // 2^53, where a double can no longer add 1. (Taken at the first call, not at load: workerd
  // reports time 0 while a script's top level runs.)
  let origin: number | undefined;
  /** The previous value in full (nanoseconds since `origin`, an integer below 2^53). */
  let last = -1;
  return {
    cycles() {
      const now = read();
      origin ??= now;
      const reading = Math.round((now - origin) * 1e6);
      last = reading > last ? reading : last + 1;
      // ToUint32: the value modulo 2^32, exact for integers below 2^53.
      return last >>> 0;
    },
  };
}

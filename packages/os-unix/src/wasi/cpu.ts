/**
 * `Cpu` on WASI 0.2. A WebAssembly guest cannot read a cycle counter, and WASI has no CPU random
 * instructions, so `rdrand` / `rdseed` are absent (and no `aes256Ctr` accelerator either).
 *
 * `cycles()` is the low 32 bits of `wasi:clocks/monotonic-clock.now` (nanoseconds; wraps every
 * ~4.3 s). The contract requires two consecutive calls to differ: if the clock has not advanced
 * past the previous reading's low 32 bits (a coarse host clock, or a reading exactly 2^32 ns
 * later), the call re-reads the clock until it has. It never returns an invented value.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { now } from 'wasi:clocks/monotonic-clock@0.2.12';

const LOW_32 = 0xffff_ffffn;

export function createCpu(): Cpu {
  let last = -1;
  return {
    cycles() {
      let value = Number(now() & LOW_32);
      while (value === last) value = Number(now() & LOW_32);
      last = value;
      return value;
    },
  };
}

/**
 * The OS-random source: the backend's CSPRNG (`os.random.fill`: getrandom on unix, random_get /
 * wasi:random on WASI), where there is one. It gives 32 bytes to the initial seed and reseeds the
 * generator directly every `OS_RANDOM_PERIOD_NS` (60 s) when the generator is used. Its output
 * is already conditioned by the OS, so it is not health-tested here; an OS error is counted and
 * logged, and that seed is skipped (never replaced by something weaker).
 */

import type { Os } from '@shimkit/os-shim/contract';
import { SourceCounters } from './source-status.js';

export const OS_RANDOM_SEED_BYTES = 32;
export const OS_RANDOM_PERIOD_NS = 60_000_000_000n;

export class OsRandomSource {
  readonly counters = new SourceCounters('os-random');
  readonly #os: Os;
  readonly #log: (line: string) => void;
  #last: bigint | undefined;
  #running = false;

  constructor(os: Os, log: (line: string) => void) {
    this.#os = os;
    this.#log = log;
    this.counters.available = os.random !== undefined;
    this.counters.detail = this.counters.available ? `os.random of the ${os.name} backend` : `the ${os.name} backend has no OS random source`;
  }

  start(nowNs: bigint): void {
    this.#running = this.counters.available;
    this.counters.running = this.#running;
    this.#last = nowNs;
  }

  stop(): void {
    this.#running = false;
    this.counters.running = false;
    this.#last = undefined;
  }

  /** 32 fresh bytes from the OS, or undefined (counted, logged) if it failed or is absent. */
  seed(): Uint8Array | undefined {
    const random = this.#os.random;
    if (!random) return undefined;
    const out = new Uint8Array(OS_RANDOM_SEED_BYTES);
    this.counters.samples++;
    try {
      random.fill(out);
    } catch (error) {
      out.fill(0);
      this.counters.failures++;
      this.counters.lastOk = false;
      this.#log(`@shimkit/entropy: the OS random source failed (${(error as Error).message}); counted in status()`);
      return undefined;
    }
    this.counters.bytesFed += out.length;
    this.counters.lastOk = true;
    return out;
  }

  /** The periodic reseed: fresh bytes if the period has passed, else undefined. */
  due(nowNs: bigint): Uint8Array | undefined {
    if (!this.#running || this.#last === undefined || nowNs - this.#last < OS_RANDOM_PERIOD_NS) return undefined;
    this.#last = nowNs;
    return this.seed();
  }
}

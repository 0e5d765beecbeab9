/**
 * The periodic CPU-RNG source (mirage-entropy's RDRAND feeding): at most once per second, one
 * health-checked RDRAND word (8 bytes) into each of Fortuna's 32 pools. Driven by `maybeFeed`,
 * which the library calls when the generator is used and, on backends whose loop source is a
 * JavaScript hook, from that hook; there is no timer to keep a process alive.
 */

import type { CpuRng } from './cpu-rng.js';
import { writeWord } from './cpu-rng.js';
import { POOLS, SOURCE_IDS, type PoolSink } from './source-ids.js';
import { SourceCounters } from './source-status.js';

export const CPU_RNG_PERIOD_NS = 1_000_000_000n;

export class PeriodicCpuRngSource {
  readonly counters = new SourceCounters('cpu-rng');
  readonly #rng: CpuRng;
  readonly #sink: PoolSink;
  #last: bigint | undefined;
  #running = false;

  constructor(rng: CpuRng, sink: PoolSink) {
    this.#rng = rng;
    this.#sink = sink;
    this.counters.available = rng.has('rdrand');
    this.counters.detail = this.counters.available ? 'one RDRAND word per pool per second' : 'no RDRAND on this CPU/host';
  }

  start(): void {
    this.#running = this.counters.available;
    this.counters.running = this.#running;
  }

  stop(): void {
    this.#running = false;
    this.counters.running = false;
    this.#last = undefined;
  }

  /** Feeds the pools if a second has passed since the last feeding (or it never fed). */
  maybeFeed(nowNs: bigint): void {
    if (!this.#running) return;
    if (this.#last !== undefined && nowNs - this.#last < CPU_RNG_PERIOD_NS) return;
    this.#last = nowNs;
    const word = new Uint8Array(8);
    for (let pool = 0; pool < POOLS; pool++) {
      this.counters.samples++;
      const v = this.#rng.draw('rdrand');
      this.counters.lastOk = v !== undefined;
      if (v === undefined) continue;
      writeWord(word, 0, v);
      this.#sink.add(SOURCE_IDS['cpu-rng'], pool, word);
      this.counters.bytesFed += 8;
    }
    word.fill(0);
  }
}

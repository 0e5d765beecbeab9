/**
 * The loop-timer source: the cycle counter sampled once per main-loop iteration (mirage-entropy's
 * `at_enter_iter` timer source).
 *
 * The raw sample is the low byte of the difference between consecutive iterations' counter
 * readings. It passes the SP 800-90B health tests with an assessed min-entropy of 1 bit per
 * sample (RCT cutoff 31, APT cutoff 609 of 1024) after a 1024-sample start-up run, which must
 * also pass the predictor-based start-up assessment (`../health/startup-assessment.ts`) with an
 * estimate of at least 2 bits per sample (`ASSESSMENT_MARGIN` × the 1-bit claim), else the source is never credited (the assessment runs
 * a slice at the end of each main-loop iteration, from an `atExitIter` hook that removes itself
 * when done, so no single iteration or request pays for all of it); credited
 * samples are collected into 32-byte batches, and each batch goes into the next Fortuna pool,
 * round-robin.
 *
 * Where the backend has a native `Main.cycleTrace` (os-unix with its addon) the samples are taken
 * natively every iteration and drained in batches by `pump()` (called when the generator is
 * used); elsewhere an `atEnterIter` hook takes them. `stop()` unregisters either.
 */

import type { Os, Unregister } from '@shimkit/os-shim/contract';
import { HealthMonitor } from '../health/monitor.js';
import { POOLS, SOURCE_IDS, type PoolSink } from './source-ids.js';
import { SourceCounters } from './source-status.js';

export const LOOP_TIMER_MIN_ENTROPY = 1;
export const LOOP_TIMER_STARTUP = 1024;
export const LOOP_TIMER_BATCH = 32;

export class LoopTimerSource {
  readonly counters = new SourceCounters('loop-timer');
  readonly monitor = new HealthMonitor({ minEntropy: LOOP_TIMER_MIN_ENTROPY, startupSamples: LOOP_TIMER_STARTUP, startupAssessment: 'sliced' });
  readonly #os: Os;
  readonly #sink: PoolSink;
  readonly #batch = new Uint8Array(LOOP_TIMER_BATCH);
  #fill = 0;
  #pool = 0;
  #last: number | undefined;
  #stop: Unregister | undefined;
  #drain: Uint32Array | undefined;
  #assessing: Unregister | undefined;

  constructor(os: Os, sink: PoolSink) {
    this.#os = os;
    this.#sink = sink;
    this.counters.available = true;
    this.counters.detail = os.main.cycleTrace ? 'native cycle trace, drained in batches' : 'atEnterIter hook';
  }

  get running(): boolean {
    return this.#stop !== undefined;
  }

  start(): void {
    if (this.#stop) return;
    const trace = this.#os.main.cycleTrace;
    if (trace) {
      this.#drain = new Uint32Array(trace.capacity);
      this.#stop = trace.start();
    } else {
      this.#stop = this.#os.main.atEnterIter(() => this.sample(this.#os.cpu.cycles()));
    }
    this.counters.running = true;
  }

  stop(): void {
    this.#stop?.();
    this.#stop = undefined;
    this.#assessing?.();
    this.#assessing = undefined;
    this.counters.running = false;
    this.#last = undefined;
    this.#batch.fill(0);
    this.#fill = 0;
  }

  /** Drains the native trace, if there is one (cheap when there is nothing to drain). */
  pump(): void {
    const trace = this.#os.main.cycleTrace;
    if (!this.#stop || !trace || !this.#drain) return;
    const n = trace.drain(this.#drain);
    for (let i = 0; i < n; i++) this.sample(this.#drain[i]!);
    this.#drain.fill(0, 0, n);
  }

  /** One counter reading (uint32) from one iteration. */
  sample(cycles: number): void {
    const last = this.#last;
    this.#last = cycles;
    if (last === undefined) return;
    this.counters.samples++;
    const raw = ((cycles - last) >>> 0) & 0xff;
    if (!this.monitor.test(raw)) {
      // The start-up run is complete and being assessed: one slice at the end of each iteration.
      if (this.monitor.assessmentPending && !this.#assessing && this.#stop) {
        this.#assessing = this.#os.main.atExitIter(() => {
          if (!this.monitor.continueAssessment()) return;
          this.#assessing?.();
          this.#assessing = undefined;
        });
      }
      return;
    }
    this.#batch[this.#fill++] = raw;
    if (this.#fill === LOOP_TIMER_BATCH) {
      this.#sink.add(SOURCE_IDS['loop-timer'], this.#pool, this.#batch);
      this.#pool = (this.#pool + 1) % POOLS;
      this.counters.bytesFed += LOOP_TIMER_BATCH;
      this.#batch.fill(0);
      this.#fill = 0;
    }
  }
}

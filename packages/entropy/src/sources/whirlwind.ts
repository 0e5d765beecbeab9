/**
 * Whirlwind-style timing bootstrap: entropy from the jitter of timing a data-dependent loop with
 * the CPU cycle counter, for platforms with neither an OS RNG nor a CPU RNG (Xen and Solo5
 * guests on CPUs without RDRAND).
 *
 * Each sample times one run of an inner loop whose length and memory accesses depend on the
 * previous timing, so cache, pipeline and interrupt effects compound from sample to sample. The
 * raw sample is the low byte of the elapsed cycle count; it goes through the SP 800-90B health
 * tests with an assessed min-entropy of 0.5 bit per sample (an engineering estimate, not the
 * output of the SP 800-90B estimator suite), after a 1024-sample start-up run whose samples must
 * also pass the predictor-based start-up assessment (`../health/startup-assessment.ts`) with an
 * estimate of at least 1 bit per sample (`ASSESSMENT_MARGIN` × the 0.5-bit claim). The output is the
 * 16-bit elapsed counts of the credited samples, which the caller hashes into the generator.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { HealthMonitor } from '../health/monitor.js';

/** Assessed min-entropy per raw sample (low byte of one timing), in bits. */
export const WHIRLWIND_MIN_ENTROPY = 0.5;
/** Start-up samples (SP 800-90B §4.3: at least 1024). */
export const WHIRLWIND_STARTUP = 1024;
/** Credited samples per bootstrap: 1024 × 0.5 bit = 512 bits assessed, twice a 256-bit key. */
export const WHIRLWIND_CREDITED = 1024;

export function createWhirlwindMonitor(): HealthMonitor {
  return new HealthMonitor({ minEntropy: WHIRLWIND_MIN_ENTROPY, startupSamples: WHIRLWIND_STARTUP, startupAssessment: 'synchronous' });
}

export interface WhirlwindResult {
  /** The credited samples (2 bytes each), or undefined if the health tests never let enough through. */
  readonly bytes: Uint8Array | undefined;
  readonly samples: number;
}

/**
 * Takes timing samples until `credited` of them were credited by `monitor`, giving up after
 * `maxSamples` (a stuck or biased counter never gets there).
 */
export function whirlwind(
  cpu: Cpu,
  monitor: HealthMonitor,
  credited = WHIRLWIND_CREDITED,
  maxSamples = WHIRLWIND_STARTUP + 4 * credited,
): WhirlwindResult {
  const out = new Uint8Array(credited * 2);
  const table = new Uint32Array(256);
  let acc = cpu.cycles() | 0;
  let got = 0;
  let taken = 0;
  while (got < credited && taken < maxSamples && monitor.state !== 'permanent') {
    const t0 = cpu.cycles();
    const rounds = 1 + ((t0 ^ acc) & 0x1ff);
    for (let j = 0; j < rounds; j++) {
      const k = (acc >>> 3) & 0xff;
      table[k] = (table[k]! + (acc ^ j)) | 0;
      acc = Math.imul(acc ^ table[(k + j) & 0xff]!, 0x9e3779b1) | 0;
    }
    const elapsed = (cpu.cycles() - t0) >>> 0;
    acc ^= elapsed;
    taken++;
    if (monitor.test(elapsed & 0xff)) {
      out[got * 2] = elapsed & 0xff;
      out[got * 2 + 1] = (elapsed >>> 8) & 0xff;
      got++;
    }
  }
  table.fill(0);
  if (got < credited) {
    out.fill(0);
    return { bytes: undefined, samples: taken };
  }
  return { bytes: out, samples: taken };
}

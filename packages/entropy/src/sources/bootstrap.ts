/**
 * The bootstrap source: the seed the generator gets at initialization, before any loop has run.
 *
 * Order (as mirage-crypto-rng's bootstrap, plus health tests): RDSEED if the CPU has it (8 words,
 * 512 bits), else RDRAND (32 words: RDRAND is a DRBG, so more output is drawn per seed), else —
 * or when the CPU RNG fails — the Whirlwind timing bootstrap. A CPU RNG failure is logged and
 * counted and never silently ignored: the status names the method that produced the seed and
 * counts the failures on the way.
 */

import type { Os } from '@shimkit/os-shim/contract';
import type { HealthMonitor } from '../health/monitor.js';
import type { CpuRng } from './cpu-rng.js';
import { whirlwind } from './whirlwind.js';

export type BootstrapMethod = 'rdseed' | 'rdrand' | 'whirlwind';

export const RDSEED_WORDS = 8;
export const RDRAND_WORDS = 32;

export interface BootstrapResult {
  /** Seed material, or undefined when every method failed. */
  readonly bytes: Uint8Array | undefined;
  /** The method that produced `bytes`. */
  readonly method: BootstrapMethod | undefined;
  /** Methods tried and failed, in order. */
  readonly failed: readonly BootstrapMethod[];
  /** Raw samples / words taken. */
  readonly samples: number;
}

export function bootstrap(os: Os, cpuRng: CpuRng, whirlwindMonitor: HealthMonitor, log: (line: string) => void): BootstrapResult {
  const failed: BootstrapMethod[] = [];
  let samples = 0;
  for (const [op, words] of [
    ['rdseed', RDSEED_WORDS],
    ['rdrand', RDRAND_WORDS],
  ] as const) {
    if (!cpuRng.has(op)) continue;
    samples += words;
    const bytes = cpuRng.words(op, words);
    if (bytes) return { bytes, method: op, failed, samples };
    failed.push(op);
  }
  if (failed.length > 0) log(`@shimkit/entropy: CPU RNG bootstrap failed (${failed.join(', ')}); using the Whirlwind timing bootstrap`);
  const ww = whirlwind(os.cpu, whirlwindMonitor);
  samples += ww.samples;
  if (ww.bytes) return { bytes: ww.bytes, method: 'whirlwind', failed, samples };
  failed.push('whirlwind');
  const assessed = whirlwindMonitor.assessment;
  const why = assessed?.passed === false ? `startup-assessment: ${assessed.reason}` : (whirlwindMonitor.lastFailure ?? 'not enough samples');
  log(`@shimkit/entropy: the Whirlwind timing bootstrap failed its health tests (${why})`);
  return { bytes: undefined, method: undefined, failed, samples };
}

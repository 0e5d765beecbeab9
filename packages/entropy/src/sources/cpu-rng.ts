/**
 * Health-checked RDSEED / RDRAND draws through the shim's `Cpu`.
 *
 * Every 64-bit word passes the SP 800-90B Repetition Count and Adaptive Proportion tests with an
 * assessed 32 bits of min-entropy per word (half the word: a conservative reading of the vendors'
 * claims for conditioned output; RCT and APT cutoff 2, i.e. any repeat fails). A failed draw —
 * carry flag clear after the backend's retries, the all-ones value, or a health-test failure —
 * yields no word, is counted, and is logged once per kind. No start-up period: these are
 * conditioned outputs, not raw noise.
 */

import type { Cpu, CpuRngResult } from '@shimkit/os-shim/contract';
import { HealthMonitor } from '../health/monitor.js';

export const CPU_WORD_MIN_ENTROPY = 32;

/** 2^64 − 1: the all-ones failure value of some AMD parts. */
const ALL_ONES = 0xffff_ffff_ffff_ffffn;

export type CpuInstruction = 'rdseed' | 'rdrand';

export class CpuRng {
  readonly cpu: Cpu;
  readonly monitors: Record<CpuInstruction, HealthMonitor> = {
    rdseed: new HealthMonitor({ minEntropy: CPU_WORD_MIN_ENTROPY, startupSamples: 0 }),
    rdrand: new HealthMonitor({ minEntropy: CPU_WORD_MIN_ENTROPY, startupSamples: 0 }),
  };
  /** Failed draws by instruction and reason (health-test failures are in the monitors). */
  readonly drawFailures: Record<CpuInstruction, { 'no-carry': number; 'all-ones': number; invalid: number }> = {
    rdseed: { 'no-carry': 0, 'all-ones': 0, invalid: 0 },
    rdrand: { 'no-carry': 0, 'all-ones': 0, invalid: 0 },
  };
  readonly #log: (line: string) => void;
  readonly #logged = new Set<string>();

  constructor(cpu: Cpu, log: (line: string) => void) {
    this.cpu = cpu;
    this.#log = log;
  }

  has(op: CpuInstruction): boolean {
    return typeof this.cpu[op] === 'function';
  }

  /** One health-checked word, or undefined (counted and logged) when the draw failed. */
  draw(op: CpuInstruction): bigint | undefined {
    const fn = this.cpu[op];
    if (!fn) return undefined;
    const result: CpuRngResult = fn.call(this.cpu);
    if (!result.ok) {
      this.drawFailures[op][result.reason]++;
      this.#logOnce(`${op}:${result.reason}`, `${op} failed (${result.reason === 'no-carry' ? 'carry flag clear after retries' : 'returned the all-ones failure value'})`);
      return undefined;
    }
    const value: unknown = result.value;
    // Defence in depth: the contract says a backend reports all-ones as a failure and values are
    // in [0, 2^64). A host glue that reads the register as a signed 64-bit integer hands back the
    // all-ones failure value as -1n: that is the failure, never a value to mask into range.
    if (value === -1n || value === ALL_ONES) {
      this.drawFailures[op]['all-ones']++;
      this.#logOnce(`${op}:all-ones`, `${op} failed (returned the all-ones failure value)`);
      return undefined;
    }
    if (typeof value !== 'bigint' || value < 0n || value > ALL_ONES) {
      this.drawFailures[op].invalid++;
      this.#logOnce(`${op}:invalid`, `${op} returned a value outside [0, 2^64) (${typeof value === 'bigint' ? value : typeof value})`);
      return undefined;
    }
    const monitor = this.monitors[op];
    if (!monitor.test(result.value)) {
      this.#logOnce(`${op}:health:${monitor.failures}`, `${op} output failed the ${monitor.lastFailure ?? 'start-up'} health test (state ${monitor.state})`);
      return undefined;
    }
    return result.value;
  }

  /** `count` words as little-endian bytes, or undefined if any draw failed (then nothing is returned). */
  words(op: CpuInstruction, count: number): Uint8Array | undefined {
    const out = new Uint8Array(count * 8);
    for (let i = 0; i < count; i++) {
      const v = this.draw(op);
      if (v === undefined) {
        out.fill(0);
        return undefined;
      }
      writeWord(out, i * 8, v);
    }
    return out;
  }

  failures(op: CpuInstruction): number {
    const f = this.drawFailures[op];
    return f['no-carry'] + f['all-ones'] + f.invalid + this.monitors[op].failures;
  }

  #logOnce(key: string, message: string): void {
    if (this.#logged.has(key)) return;
    this.#logged.add(key);
    this.#log(`@shimkit/entropy: ${message}; counted in status()`);
  }
}

/** Writes the 64-bit `v` little-endian at `offset`. */
export function writeWord(dest: Uint8Array, offset: number, v: bigint): void {
  let x = v;
  for (let i = 0; i < 8; i++) {
    dest[offset + i] = Number(x & 0xffn);
    x >>= 8n;
  }
}

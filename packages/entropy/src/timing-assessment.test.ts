// Issue 10, point 4: a timing source with no jitter must not be credited. Every counter of the
// deterministic family (scripts/deterministic-counters.mjs) is refused through the real runtime
// path on a timing-only backend (no RDRAND/RDSEED, no OS random): `NoEntropyError`, never a
// seeded generator; the loop timer never credits one either. The real cycle counter (os-unix's
// native RDTSC, and its hrtime fallback) still passes. The Xen and Solo5 simulators' real-clock
// counters are checked in those packages' projects (os-xen/os-solo5 `timing-assessment.test.ts`).
import type { Os } from '@shimkit/os-shim/contract';
import { os as nativeOs, status as unixStatus } from '@shimkit/os-unix';
import { os as fallbackOs } from '@shimkit/os-unix/fallback';
import { describe, expect, it } from 'vitest';
import { DETERMINISTIC_COUNTERS } from '../scripts/deterministic-counters.mjs';
import { jsAes256Ctr } from './aes-ctr.js';
import { HealthMonitor } from './health/monitor.js';
import { assessStartupSamples } from './health/startup-assessment.js';
import { NoEntropyError } from './no-entropy-error.js';
import { EntropyRuntime } from './runtime.js';
import { LOOP_TIMER_MIN_ENTROPY, LOOP_TIMER_STARTUP } from './sources/loop-timer.js';
import { whirlwind, WHIRLWIND_MIN_ENTROPY, WHIRLWIND_STARTUP } from './sources/whirlwind.js';

const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * `base` without its OS random source and CPU RNG, reading `cycles` (Xen / Solo5 without RDRAND);
 * its stream-cipher accelerators are kept.
 */
function timingOnly(base: Os, cycles: () => number): Os {
  const { random: _random, ...rest } = withOsRandom(base, cycles);
  return rest;
}

/** The same, but with the OS random source kept (so the generator seeds and the loop timer runs). */
function withOsRandom(base: Os, cycles: () => number): Os {
  const { rdrand: _rdrand, rdseed: _rdseed, cycles: _cycles, ...accelerators } = base.cpu;
  return { ...base, cpu: { ...accelerators, cycles } };
}

/** A health monitor that records what it is asked to test and never fails (to collect samples). */
class RecordingMonitor extends HealthMonitor {
  readonly seen: number[] = [];
  constructor() {
    // H = 0.01: RCT cutoff 3001, APT cutoff 1024 — at most one failure in 1024 samples.
    super({ minEntropy: 0.01, startupSamples: 1e9 });
  }
  override test(sample: number | bigint): boolean {
    this.seen.push(Number(sample));
    return super.test(sample);
  }
}

/** The first 1024 Whirlwind samples (elapsed low bytes) of a counter, taken by the real sampler. */
function whirlwindSamples(cycles: () => number): Uint8Array {
  const m = new RecordingMonitor();
  whirlwind({ cycles }, m, 1, WHIRLWIND_STARTUP);
  return Uint8Array.from(m.seen);
}

/** The first 1024 loop-timer samples of a counter read once per iteration. */
function loopSamples(cycles: () => number): Uint8Array {
  let last = cycles();
  return Uint8Array.from({ length: LOOP_TIMER_STARTUP }, () => {
    const t = cycles();
    const d = (t - last) >>> 0;
    last = t;
    return d & 0xff;
  });
}

describe('the deterministic counters: each estimated below its claim', () => {
  for (const counter of DETERMINISTIC_COUNTERS) {
    it(`${counter.name} (${counter.description})`, () => {
      const ww = assessStartupSamples(whirlwindSamples(counter.create()), WHIRLWIND_MIN_ENTROPY);
      expect(ww.passed).toBe(false);
      expect(ww.minEntropy).toBeLessThan(WHIRLWIND_MIN_ENTROPY);
      const loop = assessStartupSamples(loopSamples(counter.create()), LOOP_TIMER_MIN_ENTROPY);
      expect(loop.passed).toBe(false);
      expect(loop.minEntropy).toBeLessThan(LOOP_TIMER_MIN_ENTROPY);
    });
  }
});

describe('a timing-only backend whose cycle counter is deterministic: NoEntropyError, never a seeded generator', () => {
  for (const counter of DETERMINISTIC_COUNTERS) {
    it(counter.name, () => {
      const lines: string[] = [];
      const rt = new EntropyRuntime(timingOnly(fallbackOs, counter.create()), { aes: jsAes256Ctr, log: (l) => void lines.push(l) });
      let thrown: unknown;
      try {
        rt.initialize();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(NoEntropyError);
      expect((thrown as NoEntropyError).code).toBe('ERR_NO_ENTROPY');
      expect(rt.initialized).toBe(false);
      expect(() => rt.generator.generate(16)).toThrow(expect.objectContaining({ code: 'ERR_NO_ENTROPY' }));
      const st = rt.status();
      expect(st.seededFrom).toEqual([]);
      const boot = st.sources.find((s) => s.name === 'bootstrap')!;
      expect(boot).toMatchObject({ healthy: false, health: 'permanent', bytesFed: 0 });
      expect(lines.at(-1)).toMatch(/^@shimkit\/entropy: the Whirlwind timing bootstrap failed its health tests \((repetition-count|adaptive-proportion|startup-assessment: .*)\)$/);
    });
  }

  it('one tick every four reads (the issue): passes RCT and APT, refused by the assessment, and says why', () => {
    const counter = DETERMINISTIC_COUNTERS.find((c) => c.name === '+1 every 4 reads')!;
    const lines: string[] = [];
    const rt = new EntropyRuntime(timingOnly(fallbackOs, counter.create()), { aes: jsAes256Ctr, log: (l) => void lines.push(l) });
    let thrown: NoEntropyError | undefined;
    try {
      rt.initialize();
    } catch (e) {
      thrown = e as NoEntropyError;
    }
    const reason = 'estimated 0.000 bits/sample (Lag on the samples: 1021 of 1023 predicted) < 1 required (2 × 0.5 claimed)';
    expect(lines).toEqual([`@shimkit/entropy: the Whirlwind timing bootstrap failed its health tests (startup-assessment: ${reason})`]);
    const boot = rt.status().sources.find((s) => s.name === 'bootstrap')!;
    // Exactly the start-up run was taken: no health-test failure before the assessment.
    expect(boot).toMatchObject({ samples: WHIRLWIND_STARTUP, failures: 2, assessment: { minEntropy: 0, claimedEntropy: 0.5, passed: false } });
    expect(thrown).toBeInstanceOf(NoEntropyError);
    expect(thrown!.attempts).toEqual([
      `bootstrap failed (whirlwind); Whirlwind start-up assessment: ${reason}`,
      'the unix backend has no OS random source',
      '0 of the 256 bits of credited entropy a seed needs',
    ]);
  });

  it('the loop timer never credits a deterministic counter (the OS random source seeds the generator)', async () => {
    const counter = DETERMINISTIC_COUNTERS.find((c) => c.name === 'repeating deltas, period 61')!;
    const rt = new EntropyRuntime(withOsRandom(fallbackOs, counter.create()), { aes: jsAes256Ctr, log: () => {} });
    expect(rt.initialize().seededFrom).toEqual(['os-random']);
    for (let i = 0; i < LOOP_TIMER_STARTUP + 256; i++) await nextIteration();
    rt.generator.generate(16);
    const loop = rt.status().sources.find((s) => s.name === 'loop-timer')!;
    expect(loop).toMatchObject({ healthy: false, health: 'permanent', bytesFed: 0, assessment: { claimedEntropy: 1, passed: false } });
    expect(loop.samples).toBeGreaterThanOrEqual(LOOP_TIMER_STARTUP);
    expect(loop.assessment!.minEntropy).toBeLessThan(0.1);
    rt.stop();
  });
});

describe('the real cycle counter still passes', () => {
  for (const [label, base] of [
    [`native (${unixStatus().cycleCounter}, ${unixStatus().path})`, nativeOs],
    ['fallback (process.hrtime)', fallbackOs],
  ] as const) {
    it(`${label}: Whirlwind seeds a timing-only backend and the loop timer is credited`, async () => {
      const rt = new EntropyRuntime(timingOnly(base, () => base.cpu.cycles()), { log: () => {} });
      const st = rt.initialize();
      expect(st.seededFrom).toEqual(['whirlwind']);
      expect(st.timingOnly).toBe(true);
      const boot = st.sources.find((s) => s.name === 'bootstrap')!;
      expect(boot).toMatchObject({ healthy: true, health: 'healthy', failures: 0, assessment: { claimedEntropy: 0.5, passed: true } });
      expect(boot.assessment!.minEntropy).toBeGreaterThanOrEqual(0.5);
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < LOOP_TIMER_STARTUP / 2; i++) await nextIteration();
        // A bulk request goes to Fortuna, whose upkeep drains the native cycle trace.
        rt.generator.generate(8192);
      }
      const loop = rt.status().sources.find((s) => s.name === 'loop-timer')!;
      expect(loop).toMatchObject({ health: 'healthy', assessment: { claimedEntropy: 1, passed: true } });
      expect(loop.assessment!.minEntropy).toBeGreaterThanOrEqual(1);
      expect(loop.bytesFed).toBeGreaterThan(0);
      rt.stop();
    });
  }
});

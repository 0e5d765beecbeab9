import { describe, expect, it } from 'vitest';
import { AdaptiveProportionTest } from './adaptive-proportion.js';
import { aptCutoff, rctCutoff } from './cutoffs.js';
import { CLEAN_RUN_RESET, HealthMonitor, MIN_RECOVERY_SAMPLES, PERMANENT_AFTER } from './monitor.js';
import { RepetitionCountTest } from './repetition-count.js';

/** Index (0-based) of the first sample at which `feed` reports a failure, or -1. */
function firstFailure(feed: (s: number | bigint) => boolean, samples: Iterable<number | bigint>): number {
  let i = 0;
  for (const s of samples) {
    if (feed(s)) return i;
    i++;
  }
  return -1;
}

function* repeat<T>(value: T, n: number): Generator<T> {
  for (let i = 0; i < n; i++) yield value;
}

describe('Repetition Count Test', () => {
  it('fails exactly when a value has been seen C times in a row', () => {
    const rct = new RepetitionCountTest(5);
    expect(firstFailure((s) => rct.feed(s), [1, 2, 2, 2, 2, 2, 3])).toBe(5);
    rct.reset();
    expect(firstFailure((s) => rct.feed(s), [7, 7, 7, 7, 8, 8, 8, 8, 7])).toBe(-1);
  });

  it('compares bigints by value', () => {
    const rct = new RepetitionCountTest(2);
    expect(rct.feed(5n)).toBe(false);
    expect(rct.feed(5n)).toBe(true);
  });

  it('rejects a cutoff below 2', () => {
    expect(() => new RepetitionCountTest(1)).toThrow(RangeError);
  });
});

describe('Adaptive Proportion Test', () => {
  it('counts the reference value in non-overlapping windows', () => {
    const apt = new AdaptiveProportionTest(3, 8);
    // Window 1: A=1, two more 1s would reach 3 — only one more: passes.
    expect(firstFailure((s) => apt.feed(s), [1, 2, 1, 3, 4, 5, 6, 7])).toBe(-1);
    // Window 2 starts fresh with A=9: the third 9 fails.
    expect(firstFailure((s) => apt.feed(s), [9, 1, 9, 2, 9])).toBe(4);
  });

  it('a value other than the reference can repeat without failing', () => {
    const apt = new AdaptiveProportionTest(3, 8);
    expect(firstFailure((s) => apt.feed(s), [0, 5, 5, 5, 5, 5, 5, 5])).toBe(-1);
  });
});

describe('induced failures are caught within the cutoff', () => {
  it('a stuck cycle counter (every delta the same) fails the RCT at sample C', () => {
    const m = new HealthMonitor({ minEntropy: 1, startupSamples: 0 });
    const c = rctCutoff(1);
    let failedAt = -1;
    for (let i = 0; i < 100; i++) {
      m.test(0);
      if (m.state !== 'healthy') {
        failedAt = i;
        break;
      }
    }
    expect(failedAt).toBe(c - 1);
    expect(m.lastFailure).toBe('repetition-count');
    expect(m.healthy).toBe(false);
  });

  it('a biased source (one value 70 % of the time, never in long runs) fails the APT within a window', () => {
    const m = new HealthMonitor({ minEntropy: 1, startupSamples: 0 });
    // Deterministic pattern: value 0 in 7 of every 10 samples, never more than 3 in a row, so
    // the RCT (cutoff 31) does not see it; the APT (cutoff 609 of 1024) must.
    const pattern = [0, 0, 0, 1, 0, 0, 2, 0, 0, 3];
    let failedAt = -1;
    for (let i = 0; i < 4096; i++) {
      m.test(pattern[i % pattern.length]!);
      if (m.state !== 'healthy') {
        failedAt = i;
        break;
      }
    }
    expect(m.lastFailure).toBe('adaptive-proportion');
    expect(failedAt).toBeGreaterThan(0);
    expect(failedAt).toBeLessThan(1024);
    expect(aptCutoff(1)).toBe(609);
  });

  it('a CPU RNG returning all-ones fails on the second word (H = 32: RCT and APT cutoff 2)', () => {
    const m = new HealthMonitor({ minEntropy: 32, startupSamples: 0 });
    const allOnes = (1n << 64n) - 1n;
    expect(m.test(allOnes)).toBe(true);
    expect(m.test(allOnes)).toBe(false);
    expect(m.state).toBe('intermittent');
    expect(m.lastFailure).toBe('repetition-count');
  });

  it('a good source passes: 200 000 samples of a uniform byte never fail at H = 1', () => {
    const m = new HealthMonitor({ minEntropy: 1, startupSamples: 1024 });
    const bytes = new Uint8Array(200_000);
    for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
    let credited = 0;
    for (const b of bytes) if (m.test(b)) credited++;
    expect(m.failures).toBe(0);
    expect(credited).toBe(bytes.length - 1024);
  });
});

describe('health states', () => {
  it('start-up: nothing is credited until startupSamples passing samples', () => {
    const m = new HealthMonitor({ minEntropy: 1, startupSamples: 10 });
    const credits = Array.from({ length: 12 }, (_, i) => m.test(i));
    expect(credits).toEqual([false, false, false, false, false, false, false, false, false, false, true, true]);
  });

  it('intermittent failure recovers after a clean run; repeated failures become permanent', () => {
    const m = new HealthMonitor({ minEntropy: 8, startupSamples: 0 });
    // Exactly one RCT failure: C = 5 equal samples at H = 8.
    const stuck = () => {
      for (let i = 0; i < rctCutoff(8); i++) m.test(42);
    };
    const clean = (n: number) => {
      for (let i = 0; i < n; i++) m.test(i % 251);
    };
    stuck();
    expect(m.state).toBe('intermittent');
    clean(MIN_RECOVERY_SAMPLES - 1);
    expect(m.state).toBe('intermittent');
    clean(1);
    expect(m.state).toBe('healthy');
    expect(m.failures).toBe(1);
    for (let f = 2; f <= PERMANENT_AFTER; f++) {
      stuck();
      expect(m.state).toBe(f < PERMANENT_AFTER ? 'intermittent' : 'permanent');
      clean(MIN_RECOVERY_SAMPLES);
    }
    expect(m.state).toBe('permanent');
    expect(m.failures).toBe(PERMANENT_AFTER);
    clean(1000);
    expect(m.state).toBe('permanent');
    expect(m.test(1)).toBe(false);
    m.reset();
    expect(m.state).toBe('healthy');
  });

  it('a long clean run forgives earlier failures', () => {
    const m = new HealthMonitor({ minEntropy: 8, startupSamples: 0 });
    for (let round = 0; round < PERMANENT_AFTER + 2; round++) {
      for (let i = 0; i < rctCutoff(8); i++) m.test(42);
      for (let i = 0; i < CLEAN_RUN_RESET + MIN_RECOVERY_SAMPLES; i++) m.test(i % 251);
    }
    expect(m.state).toBe('healthy');
    expect(m.failures).toBe(PERMANENT_AFTER + 2);
  });
});

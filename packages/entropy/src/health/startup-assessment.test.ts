import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../test-support.js';
import { HealthMonitor } from './monitor.js';
import { assessStartupSamples, countStuck, reduceSymbols } from './startup-assessment.js';

describe('reduceSymbols', () => {
  it('divides by the common factor of the sequence, then keeps the low 4 bits', () => {
    expect(reduceSymbols(Uint8Array.of(32, 64, 96, 224))).toEqual({ symbols: Uint8Array.of(1, 2, 3, 7), commonFactor: 32 });
    expect(reduceSymbols(Uint8Array.of(21, 42, 63, 254))).toEqual({ symbols: Uint8Array.of(5, 10, 15, 14), commonFactor: 1 });
    expect(reduceSymbols(Uint8Array.of(3, 6, 60))).toEqual({ symbols: Uint8Array.of(1, 2, 4), commonFactor: 3 });
    expect(reduceSymbols(new Uint8Array(3))).toEqual({ symbols: new Uint8Array(3), commonFactor: 0 });
  });
});

describe('countStuck (jitterentropy: value, first or second difference zero)', () => {
  it('counts each stuck sample once', () => {
    // 5: no. 7: Δ 2, no. 9: Δ 2, Δ² 0 → stuck. 9: Δ 0 → stuck. 0: value 0 → stuck. 200: Δ 200, Δ² 200, no.
    expect(countStuck(Uint8Array.of(5, 7, 9, 9, 0, 200))).toBe(3);
    expect(countStuck(new Uint8Array(100).fill(4))).toBe(99);
  });
});

describe('assessStartupSamples', () => {
  it('refuses a counter that ticks once every four reads (Lag predicts it), with the reason', () => {
    // Whirlwind's elapsed low byte for such a counter: 0 1 0 1 … (two reads per sample).
    const samples = Uint8Array.from({ length: 1024 }, (_, i) => i & 1);
    const a = assessStartupSamples(samples, 0.5);
    expect(a.passed).toBe(false);
    expect(a.minEntropy).toBe(0);
    expect(a.raw.estimates.map((e) => e.name)).toEqual(['MultiMCW', 'Lag', 'MultiMMC', 'LZ78Y']);
    expect(a.raw.estimates[1]).toMatchObject({ name: 'Lag', predictions: 1023, correct: 1021 });
    // (MultiMCW is always wrong here: a window of 63 alternating samples favours the other value.)
    expect(a.raw.estimates[0]).toMatchObject({ name: 'MultiMCW', correct: 0 });
    expect(a.reason).toBe('estimated 0.000 bits/sample (Lag on the samples: 1021 of 1023 predicted) < 1 required (2 × 0.5 claimed)');
  });

  it('refuses a sequence that is mostly stuck even when the predictors allow the claim', () => {
    // Zeros, and about 6 % nonzero values at places drawn from the OS CSPRNG: the predictors give
    // about 0.07 bit (they predict 0 and are right ~94 % of the time), above a 0.01-bit claim,
    // but more than 90 % of the samples are stuck.
    const noise = randomBytes(2048);
    const samples = Uint8Array.from({ length: 1024 }, (_, i) => (noise[i]! < 16 ? noise[1024 + i]! | 1 : 0));
    const a = assessStartupSamples(samples, 0.01);
    expect(a.minEntropy).toBeGreaterThanOrEqual(0.01);
    expect(a.stuck).toBeGreaterThan(0.9 * 1024);
    expect(a.reason).toBe(`${a.stuck} of 1024 samples stuck (value, first or second difference zero) > 90%`);
    expect(a.passed).toBe(false);
  });

  it('passes uniform bytes from the OS CSPRNG far above both claims', () => {
    const a = assessStartupSamples(randomBytes(1024), 1);
    expect(a.passed).toBe(true);
    expect(a.reason).toBeUndefined();
    // 16 symbols: at most 4 bits; 1024 uniform samples land near 3.4 (the 99 % bounds cost ~0.6).
    expect(a.minEntropy).toBeGreaterThan(2.5);
    expect(a.minEntropy).toBeLessThanOrEqual(4);
  });

  it('rejects too few samples and a claim outside (0, 4] with ERR_OUT_OF_RANGE', () => {
    expect(errorCode(() => assessStartupSamples(new Uint8Array(65), 1))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => assessStartupSamples(new Uint8Array(66), 0))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => assessStartupSamples(new Uint8Array(66), 4.5))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
  });
});

describe('HealthMonitor with startupAssessment', () => {
  const policy = { minEntropy: 1, startupSamples: 1024, startupAssessment: 'synchronous' } as const;

  it('a predictable start-up run that passes RCT and APT is refused for good', () => {
    const m = new HealthMonitor(policy);
    // Deltas 0 0 0 1 (one tick every four reads): RCT cutoff 31, APT cutoff 609 of 1024 — but
    // 0 is 75 % of the window, so feed 0 1 2 3 repeated instead, which passes both tests.
    let credited = 0;
    for (let i = 0; i < 4096; i++) if (m.test(i & 3)) credited++;
    expect(credited).toBe(0);
    expect(m.state).toBe('permanent');
    expect(m.lastFailure).toBe('startup-assessment');
    expect(m.failures).toBe(1);
    expect(m.samples).toBe(1024); // nothing is tested once permanent
    expect(m.assessment).toMatchObject({ samples: 1024, claimedEntropy: 1, passed: false, minEntropy: 0 });
  });

  it('an unpredictable start-up run is credited from the next sample on', () => {
    const m = new HealthMonitor(policy);
    const noise = randomBytes(1100);
    const credited = Array.from(noise, (b) => m.test(b));
    expect(credited.indexOf(true)).toBe(1024);
    expect(m.state).toBe('healthy');
    expect(m.assessment?.passed).toBe(true);
  });

  it("'sliced': nothing is credited until continueAssessment() has run every slice", () => {
    const m = new HealthMonitor({ ...policy, startupAssessment: 'sliced' });
    const noise = randomBytes(1100);
    for (let i = 0; i < 1024; i++) expect(m.test(noise[i]!)).toBe(false);
    expect(m.assessmentPending).toBe(true);
    expect(m.test(noise[1024]!)).toBe(false); // still start-up: not credited while assessing
    let calls = 1;
    while (!m.continueAssessment()) calls++;
    // Per sequence, a pause at every multiple of SLICE = 256 the predictor's loop passes:
    // MultiMCW and Lag (from i = 0) at 0, 256, 512, 768; MultiMMC (from 2) and LZ78Y (from 17)
    // at 256, 512, 768 — 14 — for the samples and the deltas, and the call that finishes.
    expect(calls).toBe(2 * 14 + 1);
    expect(m.assessmentPending).toBe(false);
    expect(m.state).toBe('healthy');
    expect(m.test(noise[1025]!)).toBe(true);
  });

  it("'sliced': a predictable run ends permanent; a health failure while assessing drops the assessment", () => {
    const m = new HealthMonitor({ ...policy, startupAssessment: 'sliced' });
    for (let i = 0; i < 1024; i++) m.test(i & 3);
    while (!m.continueAssessment(4));
    expect(m).toMatchObject({ state: 'permanent', lastFailure: 'startup-assessment', failures: 1 });
    const n = new HealthMonitor({ ...policy, startupSamples: 1024, startupAssessment: 'sliced' });
    const noise = randomBytes(1024);
    for (const b of noise) n.test(b);
    expect(n.assessmentPending).toBe(true);
    for (let i = 0; i < 31; i++) n.test(7); // RCT cutoff for H = 1 is 31
    expect(n).toMatchObject({ state: 'intermittent', lastFailure: 'repetition-count', assessmentPending: false, assessment: undefined });
  });

  it('without startupAssessment nothing is assessed (CPU RNG words)', () => {
    const m = new HealthMonitor({ minEntropy: 1, startupSamples: 1024 });
    for (let i = 0; i < 1025; i++) m.test(i & 3);
    expect(m.state).toBe('healthy');
    expect(m.assessment).toBeUndefined();
  });
});

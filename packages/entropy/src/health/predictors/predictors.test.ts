// Known answers for the SP 800-90B predictor estimates: small sequences worked by hand from the
// standard's steps (the comments show the work), the closed-form bounds at chosen points, and
// the numbers NIST's reference tool printed for six generated inputs (test/vectors, with their
// provenance).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCode } from '../../test-support.js';
import { lagEstimate } from './lag.js';
import { lz78yEstimate } from './lz78y.js';
import { multiMcwEstimate } from './multi-mcw.js';
import { multiMmcEstimate } from './multi-mmc.js';
import { globalUpperBound, localBound, type PredictionEstimate, predictionEstimate, PredictionTally } from './prediction-estimate.js';

const seq = (...s: number[]): Uint8Array => Uint8Array.from(s);
const core = (e: PredictionEstimate) => ({ predictions: e.predictions, correct: e.correct, longestRun: e.longestRun });

describe('worked by hand', () => {
  it('Lag (§6.3.8): 1 2 1 2 1 2 2 2', () => {
    // i=1: lag 1 says 1, wrong. i=2: lag 1 says 2, wrong; lag 2 scores → winner lag 2.
    // i=3, 4, 5: lag 2 right (run of 3). i=6: lag 2 says 1, wrong (lags 1, 3, 5 score 1; lag 2 has 4).
    // i=7: lag 2 says 2, right. C = 4 of N = 7, longest run 3.
    const e = lagEstimate(seq(1, 2, 1, 2, 1, 2, 2, 2));
    expect(core(e)).toEqual({ predictions: 7, correct: 4, longestRun: 3 });
    expect(e.alphabetSize).toBe(2);
    expect(e.pGlobal).toBe(4 / 7);
    expect(e.pGlobalUpper).toBe(1); // 4/7 + 2.576·√((4/7)(3/7)/6) > 1
    expect(e.minEntropy).toBe(0);
  });

  it('MultiMCW (§6.3.7): a three-way tie goes to the value seen most recently', () => {
    // 0 1 2 repeated 21 times (63 samples), then 2 0 2 1. At i=63 the 63-window holds 21 of each:
    // the most recent is 2 → right. Slide: {0:20, 1:21, 2:22} → 2, but 0 comes: wrong.
    // {0:21, 1:20, 2:22} → 2, right. Same window again → 2, but 1 comes: wrong.
    const s = new Uint8Array(67);
    for (let i = 0; i < 63; i++) s[i] = i % 3;
    s.set([2, 0, 2, 1], 63);
    const e = multiMcwEstimate(s);
    expect(core(e)).toEqual({ predictions: 4, correct: 2, longestRun: 1 });
    expect(e.alphabetSize).toBe(3);
  });

  it('MultiMMC (§6.3.9): 0 0 1 0 0 1 0 0', () => {
    // i=2: M1[0]={0:1}; order 1 says 0, S2=1: wrong.
    // i=3: M1[0]={0:1,1:1}, M2[00]={1:1}; contexts (1), (0 1), (0 0 1) unseen: no prediction.
    // i=4: order 1 on (0): tie 0/1 → largest, 1; S4=0: wrong.
    // i=5: order 1 on (0) {0:2,1:1} → 0; order 2 on (0 0) {1:1} → 1 = S5: order 2 becomes winner; wrong.
    // i=6: order 2 on (0 1) {0:1} → 0 = S6: right (orders 1 and 3 right too; order 2 keeps the lead).
    // i=7: order 2 on (1 0) {0:1} → 0 = S7: right. C = 2 of N = 6, longest run 2.
    const e = multiMmcEstimate(seq(0, 0, 1, 0, 0, 1, 0, 0));
    expect(core(e)).toEqual({ predictions: 6, correct: 2, longestRun: 2 });
  });

  it('LZ78Y (§6.3.10): seventeen zeros, then 1 0 1 0', () => {
    // i=17: the all-zero contexts of length 16…1 enter the dictionary, each followed by 0 once;
    //   prediction 0 (count 1, longest context), S17=1: wrong.
    // i=18: the all-zero contexts now saw 0 and 1 once each; the contexts ending in S17=1 are
    //   not in the dictionary: no prediction, wrong.
    // i=19: the 16 contexts ending at S17 enter, followed by 0. Only (0) ends at S18 and is in the
    //   dictionary: {0:1,1:1} → the larger, 1 = S19: right.
    // i=20: (1) and (0 1) are in, each {0:1} → 0 = S20: right. C = 2 of N = 4, longest run 2.
    const s = new Uint8Array(21);
    s.set([1, 0, 1, 0], 17);
    const e = lz78yEstimate(s);
    expect(core(e)).toEqual({ predictions: 4, correct: 2, longestRun: 2 });
  });

  it('every predictor predicts a constant perfectly: min-entropy 0', () => {
    const s = new Uint8Array(200).fill(9);
    for (const f of [multiMcwEstimate, lagEstimate, multiMmcEstimate, lz78yEstimate]) {
      const e = f(s);
      expect(e.correct).toBe(e.predictions);
      expect(e.longestRun).toBe(e.predictions);
      expect(e.pGlobalUpper).toBe(1);
      expect(e.pLocal).toBeGreaterThan(0.96);
      expect(e.minEntropy).toBe(0);
    }
  });
});

describe('the bounds (steps 3–9 of §6.3.7)', () => {
  it("P'_global: 1 − 0.01^(1/N) when nothing was predicted, else the normal upper bound with z = 2.576", () => {
    expect(globalUpperBound(0, 100)).toBe(0.045007413978564004);
    expect(globalUpperBound(50, 100)).toBe(0.6294488706053865);
    expect(globalUpperBound(2, 4)).toBe(1); // 0.5 + 2.576·√(0.25/3) = 1.24… capped at 1
  });

  it('min-entropy is −log2 of the largest of P\'_global, P_local and 1/k', () => {
    const tally = new PredictionTally();
    for (let i = 0; i < 100; i++) tally.record(i % 2 === 0);
    const e = predictionEstimate('test', tally, 16);
    expect(e).toMatchObject({ predictions: 100, correct: 50, longestRun: 1, pGlobal: 0.5, pGlobalUpper: 0.6294488706053865 });
    expect(e.pLocal).toBeLessThan(e.pGlobalUpper);
    expect(e.minEntropy).toBe(0.6678389006124243);
    // Nothing predicted, binary alphabet: 1/k = 0.5 dominates.
    const none = new PredictionTally();
    for (let i = 0; i < 1000; i++) none.record(false);
    expect(predictionEstimate('test', none, 2).minEntropy).toBe(1);
  });

  it('P_local rises with the longest run (to above 0.99 for an unbroken run of 1000)', () => {
    const runs = [0, 5, 20, 100, 999, 1000].map((r) => localBound(r, 1000));
    for (let i = 1; i < runs.length; i++) expect(runs[i]!).toBeGreaterThan(runs[i - 1]!);
    expect(runs[5]!).toBeGreaterThan(0.99);
  });

  it('rejects too few predictions and a bad alphabet size with ERR_OUT_OF_RANGE', () => {
    const t = new PredictionTally();
    t.record(true);
    expect(errorCode(() => predictionEstimate('x', t, 2))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    t.record(false);
    expect(errorCode(() => predictionEstimate('x', t, 0))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => predictionEstimate('x', t, 1.5))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => multiMcwEstimate(new Uint8Array(64)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => lagEstimate(new Uint8Array(2)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => multiMmcEstimate(new Uint8Array(3)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(errorCode(() => lz78yEstimate(new Uint8Array(18)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(multiMcwEstimate(new Uint8Array(65)).predictions).toBe(2);
    expect(lz78yEstimate(new Uint8Array(19)).predictions).toBe(2);
  });
});

interface VectorEstimate {
  C: number;
  r: number;
  N: number;
  pGlobal: number;
  pGlobalUpper: number;
  pLocal?: number;
  minEntropy: number;
}
interface VectorCase {
  kind: 'uniform8' | 'sticky4' | 'biased6' | 'noisy-period' | 'sticky-bits';
  seed: number;
  length: number;
  alphabetSize: number;
  estimates: Record<string, VectorEstimate>;
}
const vectors = JSON.parse(readFileSync(new URL('../../../test/vectors/sp800-90b-predictors.json', import.meta.url), 'utf8')) as {
  cases: VectorCase[];
};

/** The inputs of the vector file (its `generator` field), regenerated. */
function generate(kind: VectorCase['kind'], seed: number, length: number): Uint8Array {
  let x = seed >>> 0;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const a = next();
    const prev = i > 0 ? out[i - 1]! : 0;
    let s: number;
    if (kind === 'uniform8') s = a >>> 29;
    else if (kind === 'sticky-bits') s = a < 3435973836 ? prev : 1 - prev;
    else {
      const b = next();
      if (kind === 'sticky4') s = a < 3006477107 ? prev : b % 4;
      else if (kind === 'biased6') s = a < 2576980377 ? 0 : 1 + (b % 5);
      else s = a < 3865470566 ? Math.floor(i / 3) % 5 : b % 5;
    }
    out[i] = s;
  }
  return out;
}

const ESTIMATORS = { MultiMCW: multiMcwEstimate, Lag: lagEstimate, MultiMMC: multiMmcEstimate, LZ78Y: lz78yEstimate } as const;

describe("NIST's reference tool (ea_non_iid) on generated inputs", () => {
  it('the vector file has 6 inputs and 23 estimates', () => {
    expect(vectors.cases).toHaveLength(6);
    expect(vectors.cases.reduce((n, c) => n + Object.keys(c.estimates).length, 0)).toBe(23);
  });

  for (const c of vectors.cases) {
    for (const [name, want] of Object.entries(c.estimates)) {
      it(`${name} on ${c.kind} (seed ${c.seed}, ${c.length} samples, k = ${c.alphabetSize})`, () => {
        const got = ESTIMATORS[name as keyof typeof ESTIMATORS](generate(c.kind, c.seed, c.length));
        expect(got.alphabetSize).toBe(c.alphabetSize);
        // The predictors themselves: exact.
        expect({ N: got.predictions, C: got.correct, r: got.longestRun + 1 }).toEqual({ N: want.N, C: want.C, r: want.r });
        expect(got.pGlobal).toBeCloseTo(want.pGlobal, 15);
        // z = 2.576 (the standard) against 2.5758293… (the tool): |Δ| = 0.00017·√(p(1−p)/(N−1)) < 1e-5.
        expect(Math.abs(got.pGlobalUpper - want.pGlobalUpper)).toBeLessThan(1e-5);
        // x_10 in doubles (the standard) against x iterated to convergence in long double (the tool).
        if (want.pLocal !== undefined) expect(Math.abs(got.pLocal - want.pLocal)).toBeLessThan(1e-9);
        expect(Math.abs(got.minEntropy - want.minEntropy)).toBeLessThan(5e-5);
      });
    }
  }
});

/**
 * The common end of the SP 800-90B predictor estimates (NIST SP 800-90B, January 2018, §6.3.7
 * steps 3–9, and the same steps of §6.3.8–§6.3.10): from a predictor's record of right and wrong
 * predictions to a min-entropy estimate per sample.
 *
 * - P_global = C / N, where C is the number of correct predictions out of N.
 * - P'_global, its upper bound at 99 % confidence: 1 − 0.01^(1/N) when C = 0, else
 *   min(1, P_global + 2.576 · √(P_global (1 − P_global) / (N − 1))).
 * - P_local, from the longest run of correct predictions: r is one greater than that run, and
 *   P_local is the p solving 0.99 = (1 − p·x) / ((r + 1 − r·x) · q) · 1 / x^(N+1), where q = 1 − p
 *   and x = x_10 of the recurrence x_0 = 1, x_j = 1 + q·p^r·x_(j−1)^(r+1). The right-hand side
 *   decreases in p, so P_local is found by bisection (to double precision).
 * - min-entropy = −log2(max(P'_global, P_local, 1/k)), where k is the alphabet size. The 1/k term
 *   only ever caps the estimate at log2(k) bits; it cannot raise an estimate.
 *
 * The standard's constants are used as printed (2.576, x_10). NIST's reference tool
 * (usnistgov/SP800-90B_EntropyAssessment, `cpp/shared/utils.h`) uses the unrounded normal quantile
 * 2.5758293035489… and iterates x to convergence in 80-bit floating point; the differences are in
 * the fifth significant digit of P'_global at the very most (see `predictors.test.ts`, which checks
 * our C, N and r against the tool exactly and the probabilities to a stated tolerance).
 */

import { ShimkitRangeError } from '../../errors.js';

/** The 99 % two-sided normal quantile as SP 800-90B prints it. */
export const Z_99 = 2.576;
/** The confidence level of P_local. */
export const LOCAL_CONFIDENCE = 0.99;
/** Iterations of the recurrence for x (the standard takes x_10). */
export const X_ITERATIONS = 10;

/**
 * Samples processed between two pauses of a resumable estimate (`…Steps` generators): the
 * estimates can run a slice at a time, one slice per main-loop iteration, so that the first run
 * (before the JIT has compiled anything) never stalls one request for long.
 */
export const SLICE = 256;

/** Resumable work: `next()` does one slice; the return value is the result. */
export type Steps<T> = Generator<void, T, void>;

/** Runs resumable work to its end and returns its result. */
export function runToEnd<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** What every predictor estimate reports (all probabilities in [0, 1], entropy in bits/sample). */
export interface PredictionEstimate {
  /** Which estimate (`'MultiMCW'`, `'Lag'`, `'MultiMMC'`, `'LZ78Y'`). */
  readonly name: string;
  /** Predictions made (N). */
  readonly predictions: number;
  /** Correct predictions (C). */
  readonly correct: number;
  /** Longest run of correct predictions (r − 1 in the standard's notation). */
  readonly longestRun: number;
  /** Alphabet size k. */
  readonly alphabetSize: number;
  /** C / N. */
  readonly pGlobal: number;
  /** Upper bound of P_global at 99 % confidence. */
  readonly pGlobalUpper: number;
  /** The run-based bound. */
  readonly pLocal: number;
  /** −log2(max(P'_global, P_local, 1/k)), bits per sample. */
  readonly minEntropy: number;
}

/**
 * Counts correct predictions and the longest run of them, as every predictor does
 * (`correct_i` in the standard).
 */
export class PredictionTally {
  predictions = 0;
  correct = 0;
  longestRun = 0;
  #run = 0;

  record(hit: boolean): void {
    this.predictions++;
    if (hit) {
      this.correct++;
      this.#run++;
      if (this.#run > this.longestRun) this.longestRun = this.#run;
    } else {
      this.#run = 0;
    }
  }
}

/** k when the alphabet is what the sequence shows: the number of distinct symbols in it. */
export function distinctSymbols(symbols: Uint8Array): number {
  const seen = new Uint8Array(256);
  let k = 0;
  for (const s of symbols) {
    if (seen[s] === 0) {
      seen[s] = 1;
      k++;
    }
  }
  return k;
}

/** The largest symbol in the sequence (0 for an empty one). */
export function maxSymbol(symbols: Uint8Array): number {
  let top = 0;
  for (const s of symbols) if (s > top) top = s;
  return top;
}

/** P'_global: the 99 % upper confidence bound of C / N. */
export function globalUpperBound(correct: number, predictions: number): number {
  const p = correct / predictions;
  if (correct === 0) return 1 - 0.01 ** (1 / predictions);
  return Math.min(1, p + Z_99 * Math.sqrt((p * (1 - p)) / (predictions - 1)));
}

/**
 * ln of the right-hand side of the P_local equation at p:
 * ln(1 − p·x) − ln((r + 1 − r·x)·q) − (N + 1)·ln(x).
 */
export function localLogProbability(p: number, r: number, predictions: number): number {
  const q = 1 - p;
  const qpr = q * p ** r;
  let x = 1;
  for (let j = 0; j < X_ITERATIONS; j++) x = 1 + qpr * x ** (r + 1);
  return Math.log(1 - p * x) - Math.log((r + 1 - r * x) * q) - (predictions + 1) * Math.log(x);
}

/**
 * P_local for a longest run of `longestRun` correct predictions out of `predictions`: the p at
 * which the probability of no run longer than the one observed is 0.99 (bisection on (0, 1)).
 */
export function localBound(longestRun: number, predictions: number): number {
  const r = longestRun + 1;
  const target = Math.log(LOCAL_CONFIDENCE);
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 2200; i++) {
    const mid = (lo + hi) / 2;
    if (mid <= lo || mid >= hi) break;
    const v = localLogProbability(mid, r, predictions);
    // NaN (1 − p·x ≤ 0 in floating point, only next to p = 1) counts as "below the target".
    if (v > target) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * The estimate from a finished tally (steps 3–9 of §6.3.7).
 *
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` when fewer than 2 predictions were made (the
 *   bound divides by N − 1) or `alphabetSize` is not a positive integer.
 */
export function predictionEstimate(name: string, tally: PredictionTally, alphabetSize: number): PredictionEstimate {
  const { predictions, correct, longestRun } = tally;
  if (predictions < 2) throw new ShimkitRangeError(`${name} estimate: needs at least 2 predictions, got ${predictions}`);
  if (!Number.isInteger(alphabetSize) || alphabetSize < 1) {
    throw new ShimkitRangeError(`${name} estimate: alphabet size must be a positive integer, got ${alphabetSize}`);
  }
  const pGlobalUpper = globalUpperBound(correct, predictions);
  const pLocal = localBound(longestRun, predictions);
  const p = Math.max(pGlobalUpper, pLocal, 1 / alphabetSize);
  return {
    name,
    predictions,
    correct,
    longestRun,
    alphabetSize,
    pGlobal: correct / predictions,
    pGlobalUpper,
    pLocal,
    minEntropy: p >= 1 ? 0 : -Math.log2(p),
  };
}

/**
 * The Lag prediction estimate, NIST SP 800-90B (January 2018) §6.3.8.
 *
 * D = 128 subpredictors: subpredictor d predicts that the next sample equals the one d samples
 * back. The prediction is that of the subpredictor with the best score so far (the larger lag
 * wins a tied score, as the standard updates `winner` when scoreboard_d ≥ scoreboard_winner
 * for d = 1…D in order). Every sample after the first is predicted: N = L − 1. Any periodic
 * sequence with a period of at most 128 — a counter that steps by one every n reads, a repeating
 * pattern of deltas — is predicted almost perfectly once the period has been seen.
 */

import { ShimkitRangeError } from '../../errors.js';
import {
  distinctSymbols,
  maxSymbol,
  type PredictionEstimate,
  predictionEstimate,
  PredictionTally,
  runToEnd,
  SLICE,
  type Steps,
} from './prediction-estimate.js';

/** The largest lag. */
export const LAG_DEPTH = 128;

/** `lagEstimate`, resumable: each `next()` processes up to `SLICE` samples (see `runToEnd`). */
export function* lagSteps(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): Steps<PredictionEstimate> {
  const L = symbols.length;
  if (L < 3) throw new ShimkitRangeError(`Lag estimate: needs at least 3 samples, got ${L}`);
  const D = LAG_DEPTH;
  // scoreboard[d] is the score of lag d (1…D). Instead of comparing all D lags at every sample,
  // each value keeps the positions of its last D occurrences (a ring, newest last): the lags
  // that score at sample i are exactly i − p for those positions p with i − p ≤ D, visited from
  // the newest (smallest lag) to the oldest, the standard's order d = 1…D.
  const scoreboard = new Uint32Array(D + 1);
  const width = maxSymbol(symbols) + 1;
  const ring = new Int32Array(width * D);
  const seen = new Uint32Array(width);
  let winner = 1;
  const tally = new PredictionTally();
  for (let i = 0; i < L; i++) {
    if (i % SLICE === 0) yield;
    const s = symbols[i]!;
    if (i >= 1) {
      tally.record(symbols[i - winner] === s);
      const n = Math.min(seen[s]!, D);
      for (let k = 1; k <= n; k++) {
        const d = i - ring[s * D + ((seen[s]! - k) % D)]!;
        if (d > D) break;
        scoreboard[d]!++;
        if (scoreboard[d]! >= scoreboard[winner]!) winner = d;
      }
    }
    ring[s * D + (seen[s]! % D)] = i;
    seen[s]!++;
  }
  return predictionEstimate('Lag', tally, alphabetSize);
}

/**
 * The Lag estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 3 samples.
 * @example lagEstimate(Uint8Array.from({ length: 300 }, (_, i) => i % 5)).correct // 294: period 5
 */
export function lagEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  return runToEnd(lagSteps(symbols, alphabetSize));
}

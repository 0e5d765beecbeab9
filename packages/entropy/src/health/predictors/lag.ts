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
import { distinctSymbols, type PredictionEstimate, predictionEstimate, PredictionTally } from './prediction-estimate.js';

/** The largest lag. */
export const LAG_DEPTH = 128;

/**
 * The Lag estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 3 samples.
 * @example lagEstimate(Uint8Array.from({ length: 300 }, (_, i) => i % 5)).correct // 294: period 5
 */
export function lagEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  if (symbols.length < 3) throw new ShimkitRangeError(`Lag estimate: needs at least 3 samples, got ${symbols.length}`);
  // scoreboard[d − 1] is the score of lag d.
  const scoreboard = new Uint32Array(LAG_DEPTH);
  let winner = 0;
  const tally = new PredictionTally();
  for (let i = 1; i < symbols.length; i++) {
    const s = symbols[i]!;
    tally.record(symbols[i - winner - 1] === s);
    const depth = Math.min(LAG_DEPTH, i);
    for (let d = 0; d < depth; d++) {
      if (symbols[i - d - 1] === s) {
        scoreboard[d]!++;
        if (scoreboard[d]! >= scoreboard[winner]!) winner = d;
      }
    }
  }
  return predictionEstimate('Lag', tally, alphabetSize);
}

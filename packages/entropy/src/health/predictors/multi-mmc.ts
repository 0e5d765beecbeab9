/**
 * The Multi Markov Model with Counting prediction estimate, NIST SP 800-90B (January 2018)
 * §6.3.9.
 *
 * D = 16 subpredictors: subpredictor d counts, for every context of d consecutive samples, which
 * sample followed it, and predicts the most frequent follower of the last d samples (the largest
 * value on a tied count; no prediction for a context never seen). The prediction is that of the
 * subpredictor with the best score so far (the longer context wins a tied score). The first
 * prediction is for sample 3: N = L − 2. Each order keeps at most 100 000 (context, follower)
 * entries, as the standard's maxEntries (NIST's reference tool counts entries the same way); with
 * start-up sample counts the cap is never reached.
 */

import { ShimkitRangeError } from '../../errors.js';
import { ContextCounts } from './context-counts.js';
import { distinctSymbols, maxSymbol, type PredictionEstimate, predictionEstimate, PredictionTally } from './prediction-estimate.js';

/** The longest context (number of subpredictors). */
export const MMC_DEPTH = 16;
/** The cap on (context, follower) entries per order. */
export const MMC_MAX_ENTRIES = 100_000;

/**
 * The MultiMMC estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 4 samples.
 * @example multiMmcEstimate(Uint8Array.from({ length: 100 }, (_, i) => i & 1)).correct // 97
 */
export function multiMmcEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  if (symbols.length < 4) throw new ShimkitRangeError(`MultiMMC estimate: needs at least 4 samples, got ${symbols.length}`);
  const m = new ContextCounts(maxSymbol(symbols) + 1);
  const entries = new Uint32Array(MMC_DEPTH + 1);
  const scoreboard = new Uint32Array(MMC_DEPTH + 1);
  const subpredict = new Int16Array(MMC_DEPTH + 1);
  let winner = 1;
  const tally = new PredictionTally();
  for (let i = 2; i < symbols.length; i++) {
    // a. Count symbols[i − 1] after each context of length d ending at symbols[i − 2].
    const follower = symbols[i - 1]!;
    let node = ContextCounts.ROOT;
    for (let d = 1; d <= MMC_DEPTH && d <= i - 1; d++) {
      node = m.child(node, symbols[i - 1 - d]!, true);
      if (m.has(node, follower)) m.increment(node, follower);
      else if (entries[d]! < MMC_MAX_ENTRIES) {
        m.increment(node, follower);
        entries[d]!++;
      }
    }
    // b. Each order's prediction from the context of length d ending at symbols[i − 1].
    subpredict.fill(-1);
    node = ContextCounts.ROOT;
    for (let d = 1; d <= MMC_DEPTH && d <= i; d++) {
      node = m.child(node, symbols[i - d]!, false);
      if (node < 0) break;
      subpredict[d] = m.prediction(node);
    }
    // c–e. The winner's prediction, then the scores.
    const s = symbols[i]!;
    tally.record(subpredict[winner] === s);
    for (let d = 1; d <= MMC_DEPTH; d++) {
      if (subpredict[d] === s) {
        scoreboard[d]!++;
        if (scoreboard[d]! >= scoreboard[winner]!) winner = d;
      }
    }
  }
  return predictionEstimate('MultiMMC', tally, alphabetSize);
}

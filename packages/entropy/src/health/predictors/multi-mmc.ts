/**
 * The Multi Markov Model with Counting prediction estimate, NIST SP 800-90B (January 2018)
 * §6.3.9.
 *
 * D = 16 subpredictors: subpredictor d counts, for every context of d consecutive samples, which
 * sample followed it, and predicts the most frequent follower of the last d samples (the largest
 * value on a tied count; no prediction for a context never seen). The prediction is that of the
 * subpredictor with the best score so far (the longer context wins a tied score). The first
 * prediction is for sample 3: N = L − 2. Each order keeps at most 100 000 (context, follower)
 * entries, the standard's maxEntries (counted as NIST's reference tool counts them); with
 * start-up sample counts the cap is never reached.
 *
 * The standard's step (a) at sample i counts the contexts ending at sample i − 2 followed by
 * sample i − 1: the same contexts that step (b) at sample i − 1 predicted from. So one walk per
 * sample does both: predict from the contexts ending at i − 1, then count sample i after them.
 */

import { ShimkitRangeError } from '../../errors.js';
import { ContextCounts } from './context-counts.js';
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

/** The longest context (number of subpredictors). */
export const MMC_DEPTH = 16;
/** The cap on (context, follower) entries per order. */
export const MMC_MAX_ENTRIES = 100_000;

/** `multiMmcEstimate`, resumable: each `next()` processes up to `SLICE` samples (see `runToEnd`). */
export function* multiMmcSteps(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): Steps<PredictionEstimate> {
  const L = symbols.length;
  if (L < 4) throw new ShimkitRangeError(`MultiMMC estimate: needs at least 4 samples, got ${L}`);
  const D = MMC_DEPTH;
  const width = maxSymbol(symbols) + 1;
  const m = new ContextCounts(width, Math.min(1 + D * L, (1 << 22) / width));
  const entries = new Uint32Array(D + 1);
  const scoreboard = new Uint32Array(D + 1);
  const path = new Int32Array(D + 1);
  let winner = 1;
  const tally = new PredictionTally();
  // The contexts ending at sample 0, followed by sample 1 (step (a) at i = 2).
  path[1] = m.node(ContextCounts.ROOT, symbols[0]!);
  m.increment(path[1], symbols[1]!);
  entries[1] = 1;
  for (let i = 2; i < L; i++) {
    if (i % SLICE === 0) yield;
    const s = symbols[i]!;
    // (b)–(e): the subpredictors on the contexts ending at i − 1, the winner's prediction, scores.
    // (The trie is read through its arrays directly: this runs once, mostly before the JIT.)
    const depth = Math.min(D, i);
    m.reserve(depth);
    const { child, count, best, bestCount } = m;
    let node = ContextCounts.ROOT;
    let hit = false;
    let nextWinner = winner;
    for (let d = 1; d <= depth; d++) {
      const at = node * width + symbols[i - d]!;
      node = child[at]!;
      if (node === 0) node = child[at] = m.nodes++;
      path[d] = node;
      const prediction = best[node]!;
      if (prediction < 0) continue;
      if (d === winner) hit = prediction === s;
      if (prediction === s) {
        scoreboard[d]!++;
        if (scoreboard[d]! >= scoreboard[nextWinner]!) nextWinner = d;
      }
    }
    tally.record(hit);
    winner = nextWinner;
    // (a) for i + 1: count s after each of those contexts (a new (context, s) entry only while
    // the order has room).
    for (let d = 1; d <= depth; d++) {
      const at = path[d]!;
      const k = at * width + s;
      if (count[k] === 0) {
        if (entries[d]! >= MMC_MAX_ENTRIES) continue;
        entries[d]!++;
      }
      const c = ++count[k]!;
      if (c > bestCount[at]! || (c === bestCount[at]! && s > best[at]!)) {
        best[at] = s;
        bestCount[at] = c;
      }
    }
  }
  return predictionEstimate('MultiMMC', tally, alphabetSize);
}

/**
 * The MultiMMC estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 4 samples.
 * @example multiMmcEstimate(Uint8Array.from({ length: 100 }, (_, i) => i & 1)).correct // 97
 */
export function multiMmcEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  return runToEnd(multiMmcSteps(symbols, alphabetSize));
}

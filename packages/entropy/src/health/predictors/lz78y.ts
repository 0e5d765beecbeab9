/**
 * The LZ78Y prediction estimate, NIST SP 800-90B (January 2018) §6.3.10.
 *
 * A dictionary of contexts of 1 to B = 16 samples (at most 65 536 of them, added longest first)
 * counts which sample followed each. The prediction for the next sample comes from the context,
 * among those of the last 1…16 samples present in the dictionary, whose most frequent follower
 * has the highest count (the longest such context on a tie; the largest follower on a tied
 * count). The first prediction is for sample B + 2: N = L − B − 1.
 *
 * The standard's step (a) at sample i adds and counts the contexts ending at sample i − 2 followed
 * by sample i − 1: the contexts step (b) at sample i − 1 predicted from. So one walk per sample
 * does both: predict from the contexts ending at i − 1, then add/count sample i after them.
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

/** The longest context. */
export const LZ78Y_DEPTH = 16;
/** The dictionary's capacity. */
export const LZ78Y_MAX_DICTIONARY = 65_536;

/** `lz78yEstimate`, resumable: each `next()` processes up to `SLICE` samples (see `runToEnd`). */
export function* lz78ySteps(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): Steps<PredictionEstimate> {
  const B = LZ78Y_DEPTH;
  const L = symbols.length;
  if (L < B + 3) throw new ShimkitRangeError(`LZ78Y estimate: needs at least ${B + 3} samples, got ${L}`);
  const width = maxSymbol(symbols) + 1;
  const dict = new ContextCounts(width, Math.min(1 + B * L, (1 << 22) / width));
  const path = new Int32Array(B + 1);
  let size = 0;
  const tally = new PredictionTally();
  /** Adds (longest first, while there is room) and counts `follower` after the contexts on `path`. */
  const count = (follower: number): void => {
    const { count: counts, best, bestCount, entry } = dict;
    for (let j = B; j >= 1; j--) {
      const at = path[j]!;
      if (entry[at] === 0) {
        if (size >= LZ78Y_MAX_DICTIONARY) continue;
        entry[at] = 1;
        size++;
      }
      const c = ++counts[at * width + follower]!;
      if (c > bestCount[at]! || (c === bestCount[at]! && follower > best[at]!)) {
        best[at] = follower;
        bestCount[at] = c;
      }
    }
  };
  /** The nodes of the contexts of length 1…B ending at `end`, created where absent. */
  const walk = (end: number): void => {
    dict.reserve(B);
    const child = dict.child;
    let node = ContextCounts.ROOT;
    for (let j = 1; j <= B; j++) {
      const at = node * width + symbols[end - j + 1]!;
      node = child[at]!;
      if (node === 0) node = child[at] = dict.nodes++;
      path[j] = node;
    }
  };
  // Step (a) at i = B + 1: the contexts ending at sample B − 1, followed by sample B.
  walk(B - 1);
  count(symbols[B]!);
  for (let i = B + 1; i < L; i++) {
    if (i % SLICE === 0) yield;
    const s = symbols[i]!;
    // (b) The best-supported prediction over the contexts of length B…1 ending at i − 1.
    walk(i - 1);
    const { entry, best, bestCount } = dict;
    let prediction = -1;
    let maxCount = 0;
    for (let j = B; j >= 1; j--) {
      const at = path[j]!;
      if (entry[at] === 1 && bestCount[at]! > maxCount) {
        maxCount = bestCount[at]!;
        prediction = best[at]!;
      }
    }
    // (c) Right or wrong; then (a) for i + 1.
    tally.record(prediction === s);
    count(s);
  }
  return predictionEstimate('LZ78Y', tally, alphabetSize);
}

/**
 * The LZ78Y estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 19 samples.
 * @example lz78yEstimate(new Uint8Array(100)).minEntropy // 0
 */
export function lz78yEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  return runToEnd(lz78ySteps(symbols, alphabetSize));
}

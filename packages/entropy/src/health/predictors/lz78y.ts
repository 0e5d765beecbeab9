/**
 * The LZ78Y prediction estimate, NIST SP 800-90B (January 2018) §6.3.10.
 *
 * A dictionary of contexts of 1 to B = 16 samples (at most 65 536 of them, added longest first)
 * counts which sample followed each. The prediction for the next sample comes from the context,
 * among those of the last 1…16 samples present in the dictionary, whose most frequent follower
 * has the highest count (the longest such context on a tie; the largest follower on a tied
 * count). The first prediction is for sample B + 2: N = L − B − 1.
 */

import { ShimkitRangeError } from '../../errors.js';
import { ContextCounts } from './context-counts.js';
import { distinctSymbols, maxSymbol, type PredictionEstimate, predictionEstimate, PredictionTally } from './prediction-estimate.js';

/** The longest context. */
export const LZ78Y_DEPTH = 16;
/** The dictionary's capacity. */
export const LZ78Y_MAX_DICTIONARY = 65_536;

/**
 * The LZ78Y estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 19 samples.
 * @example lz78yEstimate(new Uint8Array(100)).minEntropy // 0
 */
export function lz78yEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  const B = LZ78Y_DEPTH;
  if (symbols.length < B + 3) throw new ShimkitRangeError(`LZ78Y estimate: needs at least ${B + 3} samples, got ${symbols.length}`);
  const dict = new ContextCounts(maxSymbol(symbols) + 1);
  const path = new Int32Array(B + 1);
  let size = 0;
  const tally = new PredictionTally();
  for (let i = B + 1; i < symbols.length; i++) {
    // a. The contexts of length B…1 ending at symbols[i − 2], each followed by symbols[i − 1].
    const follower = symbols[i - 1]!;
    let node = ContextCounts.ROOT;
    for (let j = 1; j <= B; j++) path[j] = node = dict.child(node, symbols[i - 1 - j]!, true);
    for (let j = B; j >= 1; j--) {
      const at = path[j]!;
      if (!dict.isEntry(at) && size < LZ78Y_MAX_DICTIONARY) {
        dict.markEntry(at);
        size++;
      }
      if (dict.isEntry(at)) dict.increment(at, follower);
    }
    // b. The best-supported prediction over the contexts of length B…1 ending at symbols[i − 1].
    let depth = 0;
    node = ContextCounts.ROOT;
    for (let j = 1; j <= B; j++) {
      node = dict.child(node, symbols[i - j]!, false);
      if (node < 0) break;
      path[j] = node;
      depth = j;
    }
    let prediction = -1;
    let maxCount = 0;
    for (let j = depth; j >= 1; j--) {
      const at = path[j]!;
      if (!dict.isEntry(at)) continue;
      const count = dict.predictionCount(at);
      if (count > maxCount) {
        maxCount = count;
        prediction = dict.prediction(at);
      }
    }
    // c. Right or wrong.
    tally.record(prediction === symbols[i]);
  }
  return predictionEstimate('LZ78Y', tally, alphabetSize);
}

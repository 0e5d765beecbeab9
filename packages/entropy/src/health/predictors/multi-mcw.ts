/**
 * The Multi Most Common in Window prediction estimate, NIST SP 800-90B (January 2018) §6.3.7.
 *
 * Four subpredictors each predict the value that was most common in the last w samples, for
 * w = 63, 255, 1023 and 4095 (a tie goes to the value seen most recently); a subpredictor speaks
 * only once w samples precede the one predicted. The prediction is that of the subpredictor with
 * the best score so far (a later one wins a tied score). The first prediction is for sample
 * w_1 + 1, so N = L − 63.
 *
 * Unlike NIST's reference tool, which refuses fewer than 4096 samples, this runs on any L ≥ 65:
 * the standard's algorithm is defined for any length, and at start-up the longer windows simply
 * never speak.
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

/** The window sizes w_1…w_4. */
export const MCW_WINDOWS = Object.freeze([63, 255, 1023, 4095] as const);

/** `multiMcwEstimate`, resumable: each `next()` processes up to `SLICE` samples (see `runToEnd`). */
export function* multiMcwSteps(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): Steps<PredictionEstimate> {
  const w1 = MCW_WINDOWS[0];
  if (symbols.length < w1 + 2) throw new ShimkitRangeError(`MultiMCW estimate: needs at least ${w1 + 2} samples, got ${symbols.length}`);
  const windows = MCW_WINDOWS.length;
  const width = maxSymbol(symbols) + 1;
  // Per window: the count of each value in it, and its most frequent value (-1 while empty),
  // kept up to date as the window slides (a full scan only when the most frequent value leaves).
  const counts = Array.from({ length: windows }, () => new Uint32Array(width));
  const frequent = new Int16Array(windows).fill(-1);
  // The last index at which each value occurred (the tie-break: most recent).
  const last = new Int32Array(width).fill(-1);
  const scoreboard = new Uint32Array(windows);
  let winner = 0;
  const tally = new PredictionTally();

  // Window j covers symbols[i − w_j … i − 1] once i ≥ w_j; before that subpredictor j is Null.
  for (let i = 0; i < symbols.length; i++) {
    if (i % SLICE === 0) yield;
    const s = symbols[i]!;
    if (i >= w1) {
      tally.record(frequent[winner] === s);
      for (let j = 0; j < windows; j++) {
        if (i >= MCW_WINDOWS[j]! && frequent[j] === s) {
          scoreboard[j]!++;
          if (scoreboard[j]! >= scoreboard[winner]!) winner = j;
        }
      }
    }
    // Slide every window over symbols[i].
    last[s] = i;
    for (let j = 0; j < windows; j++) {
      const c = counts[j]!;
      c[s]!++;
      const f = frequent[j]!;
      if (f < 0 || c[s]! >= c[f]!) frequent[j] = s; // s is the most recent value: it wins a tie
      const w = MCW_WINDOWS[j]!;
      if (i < w) continue;
      const gone = symbols[i - w]!;
      c[gone]!--;
      if (gone !== frequent[j]) continue;
      let best = gone;
      for (let v = 0; v < width; v++) {
        if (c[v]! > c[best]! || (c[v]! === c[best]! && c[v]! > 0 && last[v]! > last[best]!)) best = v;
      }
      frequent[j] = best;
    }
  }
  return predictionEstimate('MultiMCW', tally, alphabetSize);
}

/**
 * The MultiMCW estimate of `symbols` (values 0–255).
 *
 * @param alphabetSize k (default: the number of distinct symbols present).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for fewer than 65 samples.
 * @example multiMcwEstimate(new Uint8Array(200)).minEntropy // 0: a constant is always predicted
 */
export function multiMcwEstimate(symbols: Uint8Array, alphabetSize = distinctSymbols(symbols)): PredictionEstimate {
  return runToEnd(multiMcwSteps(symbols, alphabetSize));
}

/**
 * Start-up entropy assessment of a timing source: before a timing source is credited for the
 * first time, its start-up samples are run through the predictor estimates of NIST SP 800-90B
 * (January 2018) §6.3.7–§6.3.10 (MultiMCW, Lag, MultiMMC, LZ78Y) and jitterentropy's stuck test,
 * and the source is refused when the estimate falls below the min-entropy it claims.
 *
 * Why: the continuous health tests (§4.4, RCT and APT) only catch a stuck or grossly biased
 * source. A cycle counter that advances one tick every four reads passes both and is perfectly
 * predictable; a predictor sees it at once.
 *
 * What is assessed (the health monitor records the raw samples of the start-up run — the low
 * byte of each timing delta, as the sources define their samples):
 *
 * - the samples themselves, and their deltas (successive differences, mod 256): a counter whose
 *   deltas step in an arithmetic or repeating pattern shows it in one or the other;
 * - each reduced to a 16-symbol alphabet (SP 800-90B §6.4 allows a reduced sample space, and a
 *   function of a sample has no more min-entropy than the sample, so an estimate on the reduced
 *   symbols is conservative): divide by the common factor of the sequence (the GCD of its values,
 *   as jitterentropy divides its deltas by their GCD, so that a counter ticking in steps of 2^j
 *   keeps its jitter bits), then keep the low 4 bits — where timing jitter lives; with 16 symbols
 *   the context predictors (MultiMMC, LZ78Y) see enough repeats in 1024 samples to learn;
 * - the estimate of the source is the least of the eight (4 predictors × 2 sequences), in bits
 *   per sample (at most 4). It must be at least `ASSESSMENT_MARGIN` (2) times the claimed
 *   min-entropy (loop timer 1 bit, Whirlwind 0.5 bit per sample): the predictors see only what
 *   1024 samples of a 16-symbol reduction show, so an estimate that barely clears the claim is
 *   no evidence for it. The margin is what refuses a browser's 100 µs clock (8 sample values,
 *   assessed at 1.2 bits for a 1-bit claim; its clamping jitter is a keyed hash, not noise),
 *   while real cycle counters assess at 2.8–3.6 bits (docs/sources-and-health.md);
 * - jitterentropy's stuck test (`jent_stuck`): a sample is stuck when its value, its first or
 *   its second difference is zero; more than 90 % stuck samples is a failure (jitterentropy's
 *   `JENT_STUCK_INIT_THRES`). Here it runs on the low bytes, so it sees slightly more zeros than
 *   on full deltas (at most 3 in 256 more for a uniform low byte: far from 90 %).
 */

import { ShimkitRangeError } from '../errors.js';
import { lagSteps } from './predictors/lag.js';
import { lz78ySteps } from './predictors/lz78y.js';
import { multiMcwSteps } from './predictors/multi-mcw.js';
import { multiMmcSteps } from './predictors/multi-mmc.js';
import { type PredictionEstimate, runToEnd, type Steps } from './predictors/prediction-estimate.js';

/** How many times its claimed min-entropy a source's estimate must reach to be credited. */
export const ASSESSMENT_MARGIN = 2;

/** Bits kept of each reduced value (alphabet of 2^4 = 16 symbols). */
export const ASSESSMENT_SYMBOL_BITS = 4;
/** The least number of samples assessed (MultiMCW's first window plus two predictions). */
export const ASSESSMENT_MIN_SAMPLES = 66;
/** A stuck fraction above this fails (jitterentropy: more than 90 % stuck at initialization). */
export const STUCK_LIMIT = 0.9;

/** The estimates of one sequence (the samples, or their deltas). */
export interface SequenceAssessment {
  /** The common factor the values were divided by (1 when none; 0 for an all-zero sequence). */
  readonly commonFactor: number;
  /** MultiMCW, Lag, MultiMMC, LZ78Y, in that order. */
  readonly estimates: readonly PredictionEstimate[];
  /** The least of the four, bits per sample. */
  readonly minEntropy: number;
}

export interface StartupAssessment {
  /** Samples assessed. */
  readonly samples: number;
  /** The min-entropy per sample the source claims (and is credited with when it passes). */
  readonly claimedEntropy: number;
  readonly raw: SequenceAssessment;
  readonly deltas: SequenceAssessment;
  /** Samples whose value, first or second difference is zero. */
  readonly stuck: number;
  /** The estimate: the least of every predictor on both sequences, bits per sample. */
  readonly minEntropy: number;
  readonly passed: boolean;
  /** Why it failed (undefined when it passed). */
  readonly reason: string | undefined;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/** The reduced symbols of a sequence of bytes: value / GCD, low `ASSESSMENT_SYMBOL_BITS` bits. */
export function reduceSymbols(values: Uint8Array): { symbols: Uint8Array; commonFactor: number } {
  let g = 0;
  for (const v of values) g = gcd(v, g);
  const mask = (1 << ASSESSMENT_SYMBOL_BITS) - 1;
  const symbols = new Uint8Array(values.length);
  if (g > 1) for (let i = 0; i < values.length; i++) symbols[i] = (values[i]! / g) & mask;
  else for (let i = 0; i < values.length; i++) symbols[i] = values[i]! & mask;
  return { symbols, commonFactor: g };
}

function* assessSequence(values: Uint8Array): Steps<SequenceAssessment> {
  const { symbols, commonFactor } = reduceSymbols(values);
  const estimates = [yield* multiMcwSteps(symbols), yield* lagSteps(symbols), yield* multiMmcSteps(symbols), yield* lz78ySteps(symbols)];
  return { commonFactor, estimates, minEntropy: Math.min(...estimates.map((e) => e.minEntropy)) };
}

/** jitterentropy's stuck count: samples whose value, first or second difference is zero (mod 256). */
export function countStuck(samples: Uint8Array): number {
  let stuck = 0;
  let last = 0;
  let lastDelta = 0;
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i]!;
    const delta = (v - last) & 0xff;
    const delta2 = (delta - lastDelta) & 0xff;
    if (v === 0 || (i >= 1 && delta === 0) || (i >= 2 && delta2 === 0)) stuck++;
    last = v;
    lastDelta = delta;
  }
  return stuck;
}

/**
 * Assesses the start-up samples of a timing source (each the low byte of one timing delta).
 *
 * @param samples at least `ASSESSMENT_MIN_SAMPLES` raw samples, oldest first.
 * @param claimedEntropy the min-entropy per sample the source claims, in bits (0 < H ≤ 4).
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` for too few samples or a claim outside (0, 4].
 * @example assessStartupSamples(new Uint8Array(1024).fill(7), 1).passed // false
 */
export function assessStartupSamples(samples: Uint8Array, claimedEntropy: number): StartupAssessment {
  return runToEnd(startupAssessmentSteps(samples, claimedEntropy));
}

/**
 * `assessStartupSamples`, resumable: the arguments are checked (and the samples copied) at once;
 * each `next()` then runs at most one slice (`SLICE` samples) of one predictor, so a caller can
 * spread the work over several main-loop iterations.
 *
 * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE`, as `assessStartupSamples`.
 */
export function startupAssessmentSteps(samples: Uint8Array, claimedEntropy: number): Steps<StartupAssessment> {
  if (samples.length < ASSESSMENT_MIN_SAMPLES) {
    throw new ShimkitRangeError(`start-up assessment: needs at least ${ASSESSMENT_MIN_SAMPLES} samples, got ${samples.length}`);
  }
  if (!(claimedEntropy > 0 && claimedEntropy <= ASSESSMENT_SYMBOL_BITS)) {
    throw new ShimkitRangeError(`start-up assessment: claimed min-entropy must be in (0, ${ASSESSMENT_SYMBOL_BITS}] bits, got ${claimedEntropy}`);
  }
  return assess(samples.slice(), claimedEntropy);
}

function* assess(samples: Uint8Array, claimedEntropy: number): Steps<StartupAssessment> {
  const deltaValues = new Uint8Array(samples.length - 1);
  for (let i = 1; i < samples.length; i++) deltaValues[i - 1] = (samples[i]! - samples[i - 1]!) & 0xff;
  const raw = yield* assessSequence(samples);
  const deltas = yield* assessSequence(deltaValues);
  const stuck = countStuck(samples);
  const minEntropy = Math.min(raw.minEntropy, deltas.minEntropy);
  let reason: string | undefined;
  const required = ASSESSMENT_MARGIN * claimedEntropy;
  if (minEntropy < required) {
    const worst = [...raw.estimates.map((e) => ['samples', e] as const), ...deltas.estimates.map((e) => ['deltas', e] as const)].reduce((a, b) =>
      b[1].minEntropy < a[1].minEntropy ? b : a,
    );
    reason =
      `estimated ${minEntropy.toFixed(3)} bits/sample (${worst[1].name} on the ${worst[0]}: ` +
      `${worst[1].correct} of ${worst[1].predictions} predicted) < ${required} required (${ASSESSMENT_MARGIN} × ${claimedEntropy} claimed)`;
  } else if (stuck > STUCK_LIMIT * samples.length) {
    reason = `${stuck} of ${samples.length} samples stuck (value, first or second difference zero) > ${STUCK_LIMIT * 100}%`;
  }
  return { samples: samples.length, claimedEntropy, raw, deltas, stuck, minEntropy, passed: reason === undefined, reason };
}

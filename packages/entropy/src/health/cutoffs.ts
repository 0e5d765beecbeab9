/**
 * Cutoffs of the SP 800-90B continuous health tests (NIST SP 800-90B, January 2018, §4.4).
 *
 * Both tests have a false-positive probability α per sample; shimkit uses α = 2^-30, the value
 * the standard recommends (§4.4: "α = 2^-20 ≤ α ≤ 2^-40"; 2^-30 is the common choice).
 *
 * - Repetition Count Test (§4.4.1): C = 1 + ⌈−log2(α) / H⌉, where H is the assessed
 *   min-entropy per sample.
 * - Adaptive Proportion Test (§4.4.2): C = 1 + CRITBINOM(W, 2^−H, 1 − α), where W is the window
 *   (1024 for non-binary samples, 512 for binary ones) and CRITBINOM(n, p, q) is the smallest k
 *   such that the Binomial(n, p) CDF at k is at least q.
 *
 * These are the standard's formulas as published. (A later public comment on the standard notes
 * that the first sample of an APT window is fixed, which shifts the distribution by one; shimkit
 * keeps the published formula, which is the slightly stricter of the two.)
 */

/** −log2(α): shimkit's false-positive rate is α = 2^-30 per sample. */
export const ALPHA_EXPONENT = 30;

/** The APT window for non-binary samples (§4.4.2). */
export const APT_WINDOW = 1024;

function assertEntropy(h: number): void {
  if (!(h > 0 && h <= 64)) throw new RangeError(`min-entropy per sample must be in (0, 64], got ${h}`);
}

/** Repetition Count Test cutoff: 1 + ⌈alphaExponent / H⌉. */
export function rctCutoff(minEntropy: number, alphaExponent = ALPHA_EXPONENT): number {
  assertEntropy(minEntropy);
  return 1 + Math.ceil(alphaExponent / minEntropy);
}

/**
 * Adaptive Proportion Test cutoff: 1 + CRITBINOM(W, 2^-H, 1 − 2^-alphaExponent), computed with
 * the binomial upper tail summed in log space (no underflow for small H or large W).
 */
export function aptCutoff(minEntropy: number, window = APT_WINDOW, alphaExponent = ALPHA_EXPONENT): number {
  assertEntropy(minEntropy);
  const p = 2 ** -minEntropy;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  // log C(W, i) for i = 0..W.
  const logChoose = new Float64Array(window + 1);
  for (let i = 1; i <= window; i++) logChoose[i] = logChoose[i - 1]! + Math.log((window - i + 1) / i);
  const alpha = 2 ** -alphaExponent;
  // tail(k) = P(X > k). CRITBINOM is the smallest k with P(X <= k) >= 1 - α, i.e. tail(k) <= α.
  let tail = 0;
  let critbinom = 0;
  for (let k = window; k >= 0; k--) {
    // tail currently holds P(X > k).
    if (tail > alpha) {
      critbinom = k + 1;
      break;
    }
    tail += Math.exp(logChoose[k]! + k * logP + (window - k) * logQ);
  }
  // The window's first sample always counts itself (B starts at 1), so a cutoff below 2 would
  // fail every window. For H ≳ 40 the formula gives 1; use 2 (any repeat of A fails).
  return Math.max(2, 1 + critbinom);
}

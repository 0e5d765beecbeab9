import { describe, expect, it } from 'vitest';
import { aptCutoff, rctCutoff } from './cutoffs.js';

/**
 * An independent evaluation of 1 + CRITBINOM(W, 2^-H, 1 - 2^-30) for integer H, in exact
 * integer arithmetic: P(X <= k) = S_k / 2^(H·W) with S_k = Σ_{i<=k} C(W, i) (2^H − 1)^(W−i).
 */
function exactAptCutoff(h: number, w: number): number {
  const base = (1n << BigInt(h)) - 1n;
  const total = 1n << BigInt(h * w);
  const threshold = total * ((1n << 30n) - 1n); // compare S_k · 2^30 with 2^(HW) · (2^30 − 1)
  let choose = 1n; // C(W, 0)
  let sum = 0n;
  for (let k = 0; k <= w; k++) {
    if (k > 0) choose = (choose * BigInt(w - k + 1)) / BigInt(k);
    sum += choose * base ** BigInt(w - k);
    if (sum << 30n >= threshold) return 1 + k;
  }
  throw new Error('unreachable');
}

describe('SP 800-90B cutoffs (α = 2^-30)', () => {
  it('RCT: C = 1 + ⌈30 / H⌉', () => {
    expect(rctCutoff(1)).toBe(31);
    expect(rctCutoff(2)).toBe(16);
    expect(rctCutoff(0.5)).toBe(61);
    expect(rctCutoff(8)).toBe(5);
    expect(rctCutoff(32)).toBe(2);
    expect(rctCutoff(7.9)).toBe(1 + Math.ceil(30 / 7.9));
    expect(() => rctCutoff(0)).toThrow(RangeError);
    expect(() => rctCutoff(65)).toThrow(RangeError);
  });

  it('APT: matches an exact big-integer evaluation of the formula', () => {
    for (const [h, w] of [
      [1, 1024],
      [2, 1024],
      [4, 1024],
      [8, 1024],
      [1, 512],
      [3, 512],
    ] as const) {
      expect(aptCutoff(h, w), `H=${h} W=${w}`).toBe(exactAptCutoff(h, w));
    }
  });

  it('APT: the values shimkit uses', () => {
    // The numbers the entropy README documents.
    expect(aptCutoff(1)).toBe(exactAptCutoff(1, 1024));
    expect(aptCutoff(1)).toBe(609); // 1 + 608: mean 512, sd 16, the 2^-30 tail starts 6 sd out
    expect(aptCutoff(1, 512)).toBe(exactAptCutoff(1, 512));
    expect(aptCutoff(0.5)).toBe(aptCutoff(0.5, 1024));
    expect(aptCutoff(32)).toBe(2);
    expect(aptCutoff(64)).toBe(2);
  });

  it('APT: decreases as the assessed entropy grows', () => {
    let prev = Infinity;
    for (const h of [0.25, 0.5, 1, 1.5, 2, 4, 8, 16]) {
      const c = aptCutoff(h);
      expect(c).toBeLessThan(prev);
      prev = c;
    }
  });
});

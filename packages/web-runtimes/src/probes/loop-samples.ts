/**
 * What the entropy runtime's loop-timer source would see in this runtime, measured before it
 * starts: `n` raw samples taken the way that source takes them (the low byte of the difference
 * between consecutive iterations' `cycles()` readings, one per `atEnterIter` call), and the
 * Most Common Value min-entropy estimate of SP 800-90B §6.3.1 for them (upper 99 % bound of the
 * MCV probability, H = −log2 p_u). The source credits 1 bit per sample; an estimate below that
 * means it over-credits in this runtime.
 */

import { os } from '@shimkit/os-shim';

export interface LoopSamples {
  readonly n: number;
  readonly distinct: number;
  /** The most common sample value and its share. */
  readonly mcv: number;
  readonly mcvShare: number;
  /** SP 800-90B §6.3.1 MCV estimate, bits per sample. */
  readonly minEntropyMcv: number;
}

export async function collectLoopSamples(n: number): Promise<LoopSamples> {
  const samples: number[] = [];
  let last: number | undefined;
  await new Promise<void>((resolve) => {
    const off = os.main.atEnterIter(() => {
      const now = os.cpu.cycles();
      if (last !== undefined) samples.push(((now - last) >>> 0) & 0xff);
      last = now;
      if (samples.length >= n) {
        off();
        resolve();
      }
    });
  });
  const counts = new Map<number, number>();
  for (const s of samples) counts.set(s, (counts.get(s) ?? 0) + 1);
  let mcv = 0;
  let top = 0;
  for (const [value, count] of counts) if (count > top) [mcv, top] = [value, count];
  const p = top / n;
  const pu = Math.min(1, p + 2.576 * Math.sqrt((p * (1 - p)) / (n - 1)));
  return { n, distinct: counts.size, mcv, mcvShare: Math.round(p * 1e4) / 1e4, minEntropyMcv: Math.round(-Math.log2(pu) * 1e3) / 1e3 };
}

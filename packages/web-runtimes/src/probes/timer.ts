/**
 * Measures the granularity of `performance.now()` in the running runtime: reads it in a busy loop
 * for `windowMs` of `Date.now()` time (or `maxReads` reads) and records the steps between
 * successive distinct readings. A timer that never moves during the loop (workerd freezes clocks
 * while JavaScript runs) is reported as `frozen`.
 */

export interface TimerResolution {
  /** Distinct readings seen during the window. */
  readonly distinct: number;
  /** Smallest and median step between successive distinct readings, in microseconds; null when frozen. */
  readonly minStepUs: number | null;
  readonly medianStepUs: number | null;
  /** The timer did not move at all during the window. */
  readonly frozen: boolean;
  readonly reads: number;
}

export function measureTimer(windowMs = 50, maxReads = 2_000_000): TimerResolution {
  const steps: number[] = [];
  let prev = performance.now();
  let reads = 1;
  const end = Date.now() + windowMs;
  while (reads < maxReads && (reads & 1023 || Date.now() < end)) {
    const now = performance.now();
    reads++;
    if (now !== prev) {
      steps.push(now - prev);
      prev = now;
    }
  }
  steps.sort((a, b) => a - b);
  const us = (ms: number | undefined): number | null => (ms === undefined ? null : Math.round(ms * 1e6) / 1e3);
  return {
    distinct: steps.length + 1,
    minStepUs: us(steps[0]),
    medianStepUs: us(steps[Math.floor(steps.length / 2)]),
    frozen: steps.length === 0,
    reads,
  };
}

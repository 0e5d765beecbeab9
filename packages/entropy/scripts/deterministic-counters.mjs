// A family of deterministic cycle counters: `cycles()` functions (uint32 readings, one per call)
// with no jitter at all, each perfectly predictable from its own history. The tests show that the
// timing sources refuse every one of them (`src/timing-assessment.test.ts`), and
// `timing-assessment.mjs` reports their start-up entropy estimates next to the real TSC's.
//
// Test-side data: not part of the published package.

/** Readings start here (an arbitrary large uint32, as a real TSC's low half would be). */
const BASE = 0x9e37_79b9;

/** Readings t(r) = BASE + f(r) for the r-th call (r = 0, 1, …), wrapped to uint32. */
const fromFunction = (f) => () => {
  let r = 0;
  return () => (BASE + f(r++)) >>> 0;
};

/** Readings whose successive differences repeat `pattern`. */
const repeatingDeltas = (pattern) => () => {
  let t = BASE;
  let r = 0;
  return () => {
    const now = t;
    t = (t + pattern[r++ % pattern.length]) >>> 0;
    return now;
  };
};

/** A fixed pseudo-random pattern of `n` deltas in [1, 2^12] (xorshift32 from a fixed seed). */
function fixedPattern(n, seed) {
  const out = [];
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out.push(1 + (x & 0xfff));
  }
  return out;
}

/** @type {readonly { name: string, description: string, create: () => () => number }[]} */
export const DETERMINISTIC_COUNTERS = Object.freeze([
  { name: 'constant', description: 'never changes', create: fromFunction(() => 0) },
  { name: '+1 per read', description: 'advances one tick per read', create: fromFunction((r) => r) },
  { name: '+21 per read', description: 'advances 21 ticks per read (this machine\'s TSC granularity)', create: fromFunction((r) => 21 * r) },
  { name: '+1000 per read', description: 'advances 1000 ticks per read', create: fromFunction((r) => 1000 * r) },
  { name: '+1 every 2 reads', description: 'one tick every second read', create: fromFunction((r) => Math.floor(r / 2)) },
  { name: '+1 every 4 reads', description: 'one tick every fourth read (issue 10, point 4)', create: fromFunction((r) => Math.floor(r / 4)) },
  { name: '+1 every 5 reads', description: 'one tick every fifth read', create: fromFunction((r) => Math.floor(r / 5)) },
  { name: '+1 every 16 reads', description: 'one tick every sixteenth read', create: fromFunction((r) => Math.floor(r / 16)) },
  { name: '+21 every 3 reads', description: '21 ticks every third read (a coarse virtual TSC)', create: fromFunction((r) => 21 * Math.floor(r / 3)) },
  { name: 'arithmetic deltas', description: 'the k-th delta is 5 + 3k', create: fromFunction((r) => 5 * r + 3 * ((r * (r - 1)) / 2)) },
  { name: 'arithmetic deltas mod 997', description: 'the k-th delta is 100 + (37k mod 997)', create: repeatingDeltas(Array.from({ length: 997 }, (_, k) => 100 + ((37 * k) % 997))) },
  { name: 'repeating deltas, period 7', description: 'deltas 3 1 4 1 5 9 2, repeated', create: repeatingDeltas([3, 1, 4, 1, 5, 9, 2]) },
  { name: 'repeating deltas, period 61', description: 'a fixed random pattern of 61 deltas, repeated', create: repeatingDeltas(fixedPattern(61, 0x1234_5678)) },
  { name: 'repeating deltas, period 301', description: 'a fixed random pattern of 301 deltas, repeated (longer than the Lag window)', create: repeatingDeltas(fixedPattern(301, 0x8765_4321)) },
  { name: 'drifting tick period', description: 'one tick every ~4 reads, the period shrinking slowly: t = ⌊r/4 + r²/200000⌋', create: fromFunction((r) => Math.floor(r / 4 + (r * r) / 200_000)) },
  { name: 'drifting step', description: '~21 ticks per read, slowly growing: t = ⌊21r + r²/5000⌋', create: fromFunction((r) => Math.floor(21 * r + (r * r) / 5000)) },
  { name: 'drifting tick period, stepwise', description: 'one tick every n reads, n cycling 3, 4, 5, 6 and changing every 256 reads', create: () => {
    let r = 0;
    let t = 0;
    let sinceTick = 0;
    return () => {
      const n = 3 + (Math.floor(r / 256) % 4);
      r++;
      if (++sinceTick >= n) {
        sinceTick = 0;
        t++;
      }
      return (BASE + t) >>> 0;
    };
  } },
]);

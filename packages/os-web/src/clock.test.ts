import { afterEach, describe, expect, it, vi } from 'vitest';

const realPerformance = globalThis.performance;

/** Loads fresh copies of time.ts and cpu.ts that read `performance.now` from `now`. */
async function loadWith(now: () => number): Promise<{ time: typeof import('./time.js'); cpu: typeof import('./cpu.js') }> {
  vi.resetModules();
  Object.defineProperty(globalThis, 'performance', { value: { now }, configurable: true, writable: true });
  try {
    return { time: await import('./time.js'), cpu: await import('./cpu.js') };
  } finally {
    Object.defineProperty(globalThis, 'performance', { value: realPerformance, configurable: true, writable: true });
  }
}

describe('clocks over a coarse or frozen performance.now()', () => {
  afterEach(() => {
    Object.defineProperty(globalThis, 'performance', { value: realPerformance, configurable: true, writable: true });
  });

  it('monotonicNs converts ms to ns and never goes back when the timer does', async () => {
    const readings = [10.1, 10.2, 10.15, 10.3, 10.3];
    const { time } = await loadWith(() => readings.shift() ?? 0);
    // Counted from the first reading; the step back (10.15 after 10.2) is not passed on.
    expect([1, 2, 3, 4, 5].map(() => time.monotonicNs())).toEqual([0n, 100_000n, 100_000n, 200_000n, 200_000n]);
  });

  it('monotonicNs keeps nanosecond detail on an epoch-based timer (workerd: ~1.8e12 ms)', async () => {
    // Doubles near 1.8e12 are 2^-12 ms (244 ns) apart; these steps are exact there.
    const readings = [1_800_000_000_000, 1_800_000_000_000.125, 1_800_000_000_000 + 2 ** -12, 1_800_000_001_000];
    const { time } = await loadWith(() => readings.shift() ?? 0);
    expect([1, 2, 3, 4].map(() => time.monotonicNs())).toEqual([0n, 125_000n, 125_000n, 1_000_000_000n]);
  });

  it('cycles() steps by exactly 1 while a frozen timer does not move (workerd), then follows it', async () => {
    let ms = 1_800_000_000_005; // workerd's epoch-based timer
    const { cpu } = await loadWith(() => ms);
    const c = cpu.createCpu();
    expect([c.cycles(), c.cycles(), c.cycles()]).toEqual([0, 1, 2]);
    ms += 0.125; // a coarse tick (exact at this magnitude)
    expect([c.cycles(), c.cycles()]).toEqual([125_000, 125_001]);
  });

  it('cycles() wraps to the low 32 bits', async () => {
    const readings = [0, (2 ** 32 + 7) / 1e6];
    const { cpu } = await loadWith(() => readings.shift() ?? 2 ** 32 / 1e6);
    const c = cpu.createCpu();
    expect([c.cycles(), c.cycles(), c.cycles()]).toEqual([0, 7, 8]);
  });
});

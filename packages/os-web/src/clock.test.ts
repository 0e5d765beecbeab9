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
    const readings = [10.1, 10.2, 10.15, 10.3];
    const { time } = await loadWith(() => readings.shift() ?? 0);
    expect([1, 2, 3, 4, 5].map(() => time.monotonicNs())).toEqual([10_100_000n, 10_200_000n, 10_200_000n, 10_300_000n, 10_300_000n]);
  });

  it('cycles() steps by exactly 1 while a frozen timer does not move (workerd), then follows it', async () => {
    let ms = 5;
    const { cpu } = await loadWith(() => ms);
    const c = cpu.createCpu();
    expect([c.cycles(), c.cycles(), c.cycles()]).toEqual([5_000_000, 5_000_001, 5_000_002]);
    ms = 5.1; // a 100 µs browser tick
    expect([c.cycles(), c.cycles()]).toEqual([5_100_000, 5_100_001]);
  });

  it('cycles() wraps to the low 32 bits', async () => {
    const ms = (2 ** 32 + 7) / 1e6;
    const { cpu } = await loadWith(() => ms);
    const c = cpu.createCpu();
    expect([c.cycles(), c.cycles()]).toEqual([7, 8]);
  });
});

import { describe, expect, it } from 'vitest';
import { GuestExit } from './errors.js';
import { type LoopPlatform, MainLoop, SETTLE_TURNS } from './main.js';

const MS = 1_000_000n;

/**
 * A platform on Node's real clock whose block really blocks the thread (`Atomics.wait`) until the
 * deadline, or for 10 ms with no sleeper (a host with a periodic tick).
 */
function realClockPlatform() {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const now = (): bigint => process.hrtime.bigint();
  const seen = { blocks: [] as (bigint | null)[], polls: 0, wakes: 0, reported: [] as unknown[] };
  const platform: LoopPlatform = {
    now,
    block(deadline) {
      seen.blocks.push(deadline);
      const ms = deadline === null ? 10 : Number(deadline - now()) / 1e6;
      if (ms > 0) Atomics.wait(cell, 0, 0, ms);
    },
    poll: () => void seen.polls++,
    afterWake: () => void seen.wakes++,
    report: (error) => void seen.reported.push(error),
  };
  return { platform, seen, now };
}

describe('MainLoop.run', () => {
  it('returns the program value, rejects with its error, and refuses to run twice at once', async () => {
    const loop = new MainLoop(realClockPlatform().platform);
    await expect(loop.run(() => 42)).resolves.toBe(42);
    const boom = new Error('boom');
    await expect(loop.run(async () => Promise.reject(boom))).rejects.toBe(boom);
    const first = loop.run(() => new Promise((r) => r(1)));
    await expect(loop.run(() => 2)).rejects.toMatchObject({ code: 'ERR_LOOP_RUNNING' });
    await expect(first).resolves.toBe(1);
    await expect(loop.run(5 as never)).rejects.toMatchObject({ code: 'ERR_INVALID_ARG_TYPE' });
  });

  it('wakes a sleeper no earlier than its deadline, blocking until it rather than polling', async () => {
    const { platform, seen, now } = realClockPlatform();
    const loop = new MainLoop(platform);
    const t0 = now();
    await loop.run(() => loop.sleepNs(20n * MS));
    expect(now() - t0).toBeGreaterThanOrEqual(20n * MS);
    const blocked = seen.blocks.filter((d): d is bigint => d !== null);
    expect(blocked.length).toBeGreaterThanOrEqual(1);
    expect(blocked[0]! - t0).toBeGreaterThanOrEqual(20n * MS);
    const c = loop.counters();
    expect(c.sleepersWoken).toBe(1);
    expect(c.iterations).toBe(c.blocks + c.polls);
    expect(seen.polls).toBe(c.polls);
    expect(seen.wakes).toBe(c.iterations);
    expect(SETTLE_TURNS).toBe(16);
  });

  it('ends run() when the guest exits, and iterates no more', async () => {
    const loop = new MainLoop(realClockPlatform().platform);
    await expect(
      loop.run(async () => {
        await loop.sleepNs(MS);
        throw loop.exited(3);
      }),
    ).resolves.toBeUndefined();
    expect(() => loop.iterate()).toThrow(expect.objectContaining({ code: 'ERR_GUEST_EXITED', status: 3 }));
    expect(loop.exited(4).status).toBe(3); // the first exit wins
  });

  it('rejects a sleep that is not a non-negative integer', () => {
    const loop = new MainLoop(realClockPlatform().platform);
    expect(() => loop.sleepNs(-1)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => loop.sleepNs(1.5)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => loop.sleepNs('1' as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

describe('MainLoop hooks', () => {
  it('runs enter hooks before the block and exit hooks after it, once per iteration', () => {
    const { platform, seen } = realClockPlatform();
    const loop = new MainLoop(platform);
    const order: string[] = [];
    const offEnter = loop.atEnterIter(() => order.push(`enter:${seen.blocks.length + seen.polls}`));
    const offExit = loop.atExitIter(() => order.push(`exit:${seen.blocks.length + seen.polls}`));
    loop.iterate(); // registering the hooks was activity: this one polls
    loop.iterate(); // idle: this one blocks (10 ms tick)
    offEnter();
    offExit();
    loop.iterate();
    expect(order).toEqual(['enter:0', 'exit:1', 'enter:1', 'exit:2']);
    expect(loop.counters()).toEqual({ iterations: 3, blocks: 1, polls: 2, sleepersWoken: 0 });
  });

  it('reports a throwing hook and keeps the others running', () => {
    const { platform, seen } = realClockPlatform();
    const loop = new MainLoop(platform);
    let calls = 0;
    const failure = new Error('hook failed');
    const offBad = loop.atEnterIter(() => {
      throw failure;
    });
    const offGood = loop.atEnterIter(() => void calls++);
    loop.iterate();
    loop.iterate();
    offBad();
    offGood();
    expect(calls).toBe(2);
    expect(seen.reported).toEqual([failure, failure]);
    expect(() => loop.atExitIter(7 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

describe('GuestExit', () => {
  it('carries the status and a stable code', () => {
    const e = new GuestExit(9);
    expect(e).toMatchObject({ name: 'GuestExit', code: 'ERR_GUEST_EXITED', status: 9, message: 'the guest exited with status 9' });
  });
});

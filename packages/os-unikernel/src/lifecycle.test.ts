import type { ShutdownKind } from '@shimkit/os-shim/contract';
import { describe, expect, it } from 'vitest';
import { GuestExit } from './errors.js';
import { createLifecycle } from './lifecycle.js';
import { MainLoop } from './main.js';

function loopOnRealClock(): MainLoop {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const now = (): bigint => process.hrtime.bigint();
  return new MainLoop({
    now,
    block: (deadline) => void Atomics.wait(cell, 0, 0, deadline === null ? 10 : Math.max(0, Number(deadline - now()) / 1e6)),
    poll() {},
    afterWake() {},
    report(error) {
      throw error;
    },
  });
}

describe('lifecycle.exit', () => {
  it('halts with the status, ends run() and runs nothing after exit', async () => {
    const loop = loopOnRealClock();
    const halts: number[] = [];
    const { lifecycle } = createLifecycle(loop, (status) => halts.push(status));
    let after = false;
    await expect(
      loop.run(async () => {
        await loop.sleepNs(1_000_000n);
        lifecycle.exit(7);
        after = true;
      }),
    ).resolves.toBeUndefined();
    expect(after).toBe(false);
    expect(halts).toEqual([7]);
    expect(() => loop.iterate()).toThrow(GuestExit);
  });

  it('checks the status before halting', () => {
    const halts: number[] = [];
    const { lifecycle } = createLifecycle(loopOnRealClock(), (status) => halts.push(status));
    expect(() => lifecycle.exit(256)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => lifecycle.exit('0' as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(halts).toEqual([]);
    expect(() => lifecycle.exit(0)).toThrow(expect.objectContaining({ code: 'ERR_GUEST_EXITED', status: 0 }));
    expect(halts).toEqual([0]);
  });
});

describe('lifecycle.onShutdownRequest', () => {
  it('keeps the hooks for the backend to run, each registration on its own', () => {
    const { lifecycle, shutdownHooks } = createLifecycle(loopOnRealClock(), () => {});
    const kinds: ShutdownKind[] = [];
    const hook = (k: ShutdownKind): void => void kinds.push(k);
    const offA = lifecycle.onShutdownRequest(hook);
    const offB = lifecycle.onShutdownRequest(hook);
    expect(shutdownHooks.size).toBe(2);
    shutdownHooks.run(() => {}, 'reboot');
    offA();
    offA();
    shutdownHooks.run(() => {}, 'poweroff');
    offB();
    expect(shutdownHooks.size).toBe(0);
    expect(kinds).toEqual(['reboot', 'reboot', 'poweroff']);
    expect(() => lifecycle.onShutdownRequest(null as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

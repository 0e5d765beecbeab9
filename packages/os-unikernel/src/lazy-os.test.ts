import type { Os } from '@shimkit/os-shim/contract';
import { describe, expect, it } from 'vitest';
import { createGuestConsole } from './console.js';
import { createLifecycle } from './lifecycle.js';
import { lazyOs, linkBackend } from './lazy-os.js';
import { MainLoop } from './main.js';

describe('lazyOs', () => {
  it('has its name at import and takes every other part from the current backend on access', () => {
    let created = 0;
    const make = () => {
      created++;
      const loop = new MainLoop({ now: () => 0n, block() {}, poll() {}, afterWake() {}, report() {} });
      return {
        name: 'xen',
        time: { monotonicNs: () => 1n, wallNs: () => 2n, sleepNs: loop.sleepNs },
        main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
        cpu: { cycles: () => 3 },
        env: { argv: () => ['a'] },
        lifecycle: createLifecycle(loop, () => {}).lifecycle,
        console: createGuestConsole(() => {}).console,
      } as const satisfies Os;
    };
    const made: { backend?: ReturnType<typeof make> } = {};
    const os = lazyOs('xen', () => (made.backend ??= make())) satisfies Os;
    expect(os.name).toBe('xen');
    expect(created).toBe(0);
    expect(os.time.monotonicNs()).toBe(1n);
    expect(os.cpu.cycles()).toBe(3);
    expect(os.env.argv()).toEqual(['a']);
    expect(os.main).toBe(made.backend!.main);
    expect(os.lifecycle).toBe(made.backend!.lifecycle);
    expect(os.console).toBe(made.backend!.console);
    expect(created).toBe(1);
  });

  it('passes on the error of a missing backend at first use, not at import', () => {
    const os = lazyOs<Os>('solo5', () => {
      throw new Error('no host');
    });
    expect(os.name).toBe('solo5');
    expect(() => os.time).toThrow('no host');
    expect(() => os.console).toThrow('no host');
  });
});

describe('linkBackend', () => {
  it('runs programs on, iterates and reports the status of the backend bound at call time', async () => {
    let created = 0;
    const make = () => {
      created++;
      const loop = new MainLoop({ now: () => 0n, block() {}, poll() {}, afterWake() {}, report() {} });
      const os = {
        name: 'solo5',
        time: { monotonicNs: () => 0n, wallNs: () => 0n, sleepNs: loop.sleepNs },
        main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
        cpu: { cycles: () => 0 },
        env: { argv: () => [] },
        lifecycle: createLifecycle(loop, () => {}).lifecycle,
        console: createGuestConsole(() => {}).console,
      } as const satisfies Os;
      return { os, loop, status: () => ({ iterations: loop.counters().iterations }) };
    };
    const made: { backend?: ReturnType<typeof make> } = {};
    const linked = linkBackend('solo5', () => (made.backend ??= make()));
    expect(linked.os.name).toBe('solo5');
    expect(created).toBe(0);
    await expect(linked.run(() => 'done')).resolves.toBe('done');
    const after = linked.status().iterations;
    linked.iterate();
    expect(linked.status()).toEqual({ iterations: after + 1 });
    expect(created).toBe(1);
  });
});

import { GuestExit } from '@shimkit/os-unikernel/errors';
import { describe, expect, it } from 'vitest';
import { createXenBackend } from './xen/os.js';
import { SHUTDOWN_CRASH, SHUTDOWN_POWEROFF } from './host.js';
import { XenHostSimulator } from '@shimkit/testkit/xen';

const MS = 1_000_000n;

describe('run: the event-channel main loop', () => {
  it('sleeps by blocking the vCPU on a timer, not by spinning', async () => {
    const sim = new XenHostSimulator({ periodicTimerNs: null });
    const { os, loop, status } = createXenBackend(sim.host);
    const t0 = os.time.monotonicNs();
    const cpu0 = process.cpuUsage();
    const value = await loop.run(async () => {
      await os.time.sleepNs(30n * MS);
      await os.time.sleepNs(0);
      return 'done';
    });
    const cpu = process.cpuUsage(cpu0);
    expect(value).toBe('done');
    expect(os.time.monotonicNs() - t0).toBeGreaterThanOrEqual(30n * MS);
    // The sleep was spent in SCHEDOP_block (the simulator's real Atomics.wait), not spinning: the
    // host thread blocked at least once, and either the blocks cover most of the 30 ms or, when a
    // loaded machine delayed reaching the block past that margin, the process burnt little CPU
    // meanwhile (a spin would burn the whole 30 ms and block for none of it).
    expect(sim.blocks.length).toBeGreaterThanOrEqual(1);
    const blockedMs = Number(sim.blocks.reduce((a, b) => a + b, 0n) / MS);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(blockedMs >= 25 || cpuMs < 20, `blocked ${blockedMs} ms, cpu ${cpuMs} ms`).toBe(true);
    expect(status().timerEvents).toBeGreaterThanOrEqual(1);
    expect(sim.isPending(3)).toBe(false); // the guest acknowledged VIRQ_TIMER
    expect(sim.view.getUint8(0)).toBe(0); // and evtchn_upcall_pending
  });

  it('runs enter and exit hooks once per iteration, around the block', async () => {
    const sim = new XenHostSimulator();
    const { os, loop } = createXenBackend(sim.host);
    const seen: string[] = [];
    const offEnter = os.main.atEnterIter(() => seen.push(`enter:${sim.blocks.length}`));
    const offExit = os.main.atExitIter(() => seen.push(`exit:${sim.blocks.length}`));
    await loop.run(() => os.time.sleepNs(15n * MS));
    offEnter();
    offExit();
    const { iterations } = loop.counters();
    expect(seen.length).toBe(2 * iterations);
    for (let i = 0; i < iterations; i++) {
      expect(seen[2 * i]!.startsWith('enter:')).toBe(true);
      expect(seen[2 * i + 1]!.startsWith('exit:')).toBe(true);
    }
    // Some iteration blocked between its enter and exit hooks.
    expect(seen.some((s, i) => i % 2 === 0 && s !== seen[i + 1]!.replace('exit', 'enter'))).toBe(true);
  });

  it('reports a throwing hook on the console and keeps the others running', async () => {
    const sim = new XenHostSimulator();
    const { os, loop } = createXenBackend(sim.host);
    let calls = 0;
    const offBad = os.main.atEnterIter(() => {
      throw new Error('hook failed');
    });
    const offGood = os.main.atEnterIter(() => void calls++);
    loop.iterate();
    loop.iterate();
    offBad();
    offGood();
    expect(calls).toBe(2);
    expect(sim.consoleText()).toContain('shimkit: uncaught error in a main-loop hook: Error: hook failed');
  });
});

describe('lifecycle', () => {
  it('exit(0) powers off through SCHEDOP_shutdown and ends run()', async () => {
    const sim = new XenHostSimulator();
    const { os, loop } = createXenBackend(sim.host);
    let after = false;
    await expect(
      loop.run(async () => {
        await os.time.sleepNs(MS);
        os.lifecycle.exit(0);
        after = true;
      }),
    ).resolves.toBeUndefined();
    expect(after).toBe(false);
    expect(sim.shutdownReason).toBe(SHUTDOWN_POWEROFF);
    expect(() => loop.iterate()).toThrow(GuestExit);
  });

  it('a non-zero status crashes the domain (Xen has no exit status)', () => {
    const sim = new XenHostSimulator();
    const { os } = createXenBackend(sim.host);
    expect(() => os.lifecycle.exit(3)).toThrow(expect.objectContaining({ code: 'ERR_GUEST_EXITED', status: 3 }));
    expect(sim.shutdownReason).toBe(SHUTDOWN_CRASH);
  });

  it('delivers control/shutdown requests from xenstore and acknowledges them', () => {
    const sim = new XenHostSimulator();
    const { os, loop } = createXenBackend(sim.host);
    const kinds: string[] = [];
    const off = os.lifecycle.onShutdownRequest((k) => kinds.push(k));
    sim.requestShutdown('reboot');
    loop.iterate();
    expect(kinds).toEqual(['reboot']);
    expect(sim.xenstore.get('control/shutdown')).toBe('');
    sim.requestShutdown('halt');
    loop.iterate();
    sim.requestShutdown('suspend'); // not a shutdown: left for the embedding, not acknowledged
    loop.iterate();
    expect(kinds).toEqual(['reboot', 'poweroff']);
    expect(sim.xenstore.get('control/shutdown')).toBe('suspend');
    off();
  });
});

describe('suspend and resume: lifecycle.onClone', () => {
  it('answers control/shutdown = suspend through host.suspend and runs the clone hooks on resume, before exit hooks', () => {
    const sim = new XenHostSimulator({ suspend: true });
    const { os, loop, status } = createXenBackend(sim.host);
    const seen: string[] = [];
    const off = os.lifecycle.onClone!((kind) => seen.push(`clone:${kind}`));
    const offExit = os.main.atExitIter(() => seen.push('exit'));
    loop.iterate();
    seen.length = 0;
    sim.requestShutdown('suspend');
    loop.iterate();
    expect(seen).toEqual(['clone:resume', 'exit']);
    expect(sim.suspends).toBe(1);
    expect(sim.xenstore.get('control/shutdown')).toBe(''); // acknowledged, as Linux's manage.c does
    expect(status().suspends).toEqual({ requested: 1, resumed: 1 });
    off();
    offExit();
    sim.requestShutdown('suspend');
    loop.iterate();
    expect(seen).toEqual(['clone:resume', 'exit']);
    expect(status().suspends).toEqual({ requested: 2, resumed: 2 });
  });

  it('a cancelled suspend runs no clone hook', () => {
    const sim = new XenHostSimulator({ suspend: 'cancel' });
    const { os, loop, status } = createXenBackend(sim.host);
    const seen: string[] = [];
    os.lifecycle.onClone!((kind) => seen.push(kind));
    sim.requestShutdown('suspend');
    loop.iterate();
    expect(seen).toEqual([]);
    expect(status().suspends).toEqual({ requested: 1, resumed: 0 });
  });

  it('without host.suspend there is no onClone and the request is left for the embedding', () => {
    const sim = new XenHostSimulator();
    const { os } = createXenBackend(sim.host);
    expect(os.lifecycle.onClone).toBeUndefined();
  });
});

describe('env and console', () => {
  it('argv is start_info.cmd_line split on whitespace', () => {
    const sim = new XenHostSimulator({ cmdLine: '  console=hvc0\t--seed 42  ünïcode ' });
    expect(createXenBackend(sim.host).os.env.argv()).toEqual(['console=hvc0', '--seed', '42', 'ünïcode']);
    expect(createXenBackend(new XenHostSimulator().host).os.env.argv()).toEqual([]);
  });

  it('console.log writes the UTF-8 line and a newline through CONSOLEIO_write', () => {
    const sim = new XenHostSimulator();
    createXenBackend(sim.host).os.console.log('héllo ✓ 😀');
    expect(sim.consoleBytes).toEqual([...new TextEncoder().encode('héllo ✓ 😀\n')]);
  });
});

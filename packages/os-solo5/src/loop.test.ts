import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { GuestExit } from '@shimkit/os-unikernel/errors';
import { describe, expect, it } from 'vitest';
import { createSolo5Backend, IDLE_YIELD_NS } from './solo5/os.js';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';

const MS = 1_000_000n;

describe('run: the solo5_yield main loop', () => {
  it('sleeps by yielding to the tender until the deadline, not by spinning', async () => {
    const sim = new Solo5HostSimulator();
    const { os, loop, status } = createSolo5Backend(sim.host);
    const t0 = os.time.monotonicNs();
    const cpu0 = process.cpuUsage();
    const value = await loop.run(async () => {
      await os.time.sleepNs(30n * MS);
      return 'done';
    });
    const cpu = process.cpuUsage(cpu0);
    expect(value).toBe('done');
    expect(os.time.monotonicNs() - t0).toBeGreaterThanOrEqual(30n * MS);
    const blocking = sim.yields.filter((y) => y.deadline > 0n);
    expect(blocking.length).toBe(status().loop.blocks);
    expect(blocking.length).toBeGreaterThanOrEqual(1);
    // The deadline passed to solo5_yield is the sleeper's, and the tender really slept.
    expect(blocking[0]!.deadline - t0).toBeGreaterThanOrEqual(30n * MS);
    // …and not spinning: the yields cover most of the 30 ms or, when a loaded machine delayed
    // reaching the yield past that margin, the process burnt little CPU meanwhile (as in os-xen).
    const blockedMs = Number(blocking.reduce((a, y) => a + y.blockedNs, 0n) / MS);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    expect(blockedMs >= 25 || cpuMs < 20, `blocked ${blockedMs} ms, cpu ${cpuMs} ms`).toBe(true);
  });

  it('without sleepers yields for at most IDLE_YIELD_NS, and a ready handle ends the yield', async () => {
    const sim = new Solo5HostSimulator();
    const { os, loop, status } = createSolo5Backend(sim.host);
    loop.iterate(); // first iteration only polls
    // The other thread waits for `go`, then 40 ms, then marks handle 5 ready. It is started and
    // running before this thread blocks (on a loaded machine starting a worker can take longer
    // than the idle yield), and its 40 ms start only when the loop is about to block.
    const go = new Int32Array(new SharedArrayBuffer(8));
    const worker = new Worker(
      `const { workerData: { ready, go } } = require('node:worker_threads');
       Atomics.wait(go, 0, 0);
       Atomics.wait(go, 1, 0, 40);
       Atomics.or(ready, 0, 1 << 5);
       Atomics.notify(ready, 0);`,
      { eval: true, workerData: { ready: sim.readyCell, go } },
    );
    await once(worker, 'online');
    Atomics.store(go, 0, 1);
    Atomics.notify(go, 0);
    const t0 = os.time.monotonicNs();
    loop.iterate(); // blocks in solo5_yield until the other thread marks handle 5 ready
    const waited = os.time.monotonicNs() - t0;
    await worker.terminate();
    const last = sim.yields.at(-1)!;
    expect(last.ready).toBe(1n << 5n);
    expect(last.deadline - t0).toBeGreaterThanOrEqual(IDLE_YIELD_NS);
    expect(last.deadline - t0).toBeLessThan(IDLE_YIELD_NS + 10n * MS);
    expect(waited).toBeGreaterThanOrEqual(30n * MS);
    // Ended by the ready handle, not by the idle deadline (no bound on how fast a loaded machine is).
    expect(last.returnedAt < last.deadline).toBe(true);
    expect(status().readyHandles).toBe(1);
  });

  it('reports a throwing hook on the console and keeps the others running', () => {
    const sim = new Solo5HostSimulator();
    const { os, loop } = createSolo5Backend(sim.host);
    let calls = 0;
    const offBad = os.main.atExitIter(() => {
      throw new Error('hook failed');
    });
    const offGood = os.main.atExitIter(() => void calls++);
    sim.signal(1);
    loop.iterate();
    sim.signal(1);
    loop.iterate();
    offBad();
    offGood();
    expect(calls).toBe(2);
    expect(sim.consoleText()).toContain('shimkit: uncaught error in a main-loop hook: Error: hook failed');
  });
});

describe('time, lifecycle, env, console', () => {
  it('clocks are solo5_clock_monotonic and solo5_clock_wall', () => {
    const { os } = createSolo5Backend(new Solo5HostSimulator().host);
    const a = process.hrtime.bigint();
    const m = os.time.monotonicNs();
    const b = process.hrtime.bigint();
    expect(m >= a && m <= b).toBe(true);
    expect(Math.abs(Number(os.time.wallNs() / MS) - Date.now())).toBeLessThan(50);
  });

  it('exit passes the status to solo5_exit and ends run()', async () => {
    const sim = new Solo5HostSimulator();
    const { os, loop } = createSolo5Backend(sim.host);
    let after = false;
    await expect(
      loop.run(async () => {
        await os.time.sleepNs(MS);
        os.lifecycle.exit(7);
        after = true;
      }),
    ).resolves.toBeUndefined();
    expect(after).toBe(false);
    expect(sim.exitStatus).toBe(7);
    expect(() => loop.iterate()).toThrow(GuestExit);
  });

  it('argv is solo5_start_info.cmdline split on whitespace; console writes UTF-8 lines', () => {
    const sim = new Solo5HostSimulator({ cmdline: ' --ipv4=10.0.0.2/24  ünï ' });
    const { os } = createSolo5Backend(sim.host);
    expect(os.env.argv()).toEqual(['--ipv4=10.0.0.2/24', 'ünï']);
    os.console.log('héllo ✓ 😀');
    expect(sim.consoleBytes).toEqual([...new TextEncoder().encode('héllo ✓ 😀\n')]);
  });
});

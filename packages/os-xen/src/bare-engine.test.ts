// The proof of the issue: the Xen bundle (entropy + this backend, linked by the rollup alias)
// runs in QuickJS-in-WebAssembly with nothing but ECMAScript built-ins and the Xen host ABI,
// seeds the default generator from RDSEED/RDRAND and timing, prints through CONSOLEIO_write and
// shuts down through SCHEDOP_shutdown. The bundle is the one `npm run build` wrote to dist/.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHUTDOWN_POWEROFF } from './host.js';
import { auditBundle } from './testing/bundle-audit.js';
import { type BareRunResult, runXenBundle } from './testing/bare-engine.js';
import { XenHostSimulator } from './testing/index.js';

const bundlePath = fileURLToPath(new URL('../dist/bare/xen.bundle.js', import.meta.url));
const bundle = readFileSync(bundlePath, 'utf8');

describe('the xen bundle', () => {
  it('contains this backend and entropy, and references no Node or Web API', () => {
    const audit = auditBundle(bundle);
    expect(audit.references).toEqual({});
    expect(audit.text).toEqual([]);
    expect(audit.imports).toEqual([]);
    // Exactly one backend: Xen's ABI hook and pvclock are in, no other backend's marks are.
    expect(bundle).toContain("'__shimkitXenHost'");
    expect(bundle).toContain('pvclock vcpu_info[0].time');
    expect(bundle).toContain("name: 'xen'");
    for (const other of ["name: 'unix'", "name: 'solo5'", "name: 'wasi'", '__shimkitSolo5Host', 'solo5_clock_monotonic', 'node-gyp-build']) {
      expect(bundle).not.toContain(other);
    }
    expect(bundle).toContain('Fortuna');
  });
});

describe('in a bare engine (QuickJS in WebAssembly)', () => {
  const sim = new XenHostSimulator({ cmdLine: 'bare --seed-from=cpu' });
  let run: BareRunResult;
  let lines: string[];
  beforeAll(async () => {
    run = await runXenBundle(sim, bundle, { timeoutMs: 60_000 });
    lines = sim.consoleText().split('\n');
  });
  const line = (prefix: string): string[] => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));

  it('has only the built-ins and the host ABI as globals, and runs to completion', () => {
    expect(run.engineError, sim.consoleText()).toBeNull();
    expect(run.globals).not.toContain('__shimkitXenHost'); // listed before the embedding added it
    expect(line('bare: fatal')).toEqual([]);
  });

  it('reads argv from start_info.cmd_line and sleeps on the hypervisor timer', () => {
    expect(line('bare: start ')).toEqual(['backend=xen argv=["bare","--seed-from=cpu"]']);
    const [slept] = line('bare: slept-ns=');
    const ns = BigInt(slept!.split(' ')[0]!);
    expect(ns >= 5_000_000n).toBe(true);
    const wall = BigInt(slept!.split('wall-ns=')[1]!);
    expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(120_000);
    expect(run.calls.set_timer_op).toBeGreaterThanOrEqual(1);
    expect(run.calls.sched_op_block).toBeGreaterThanOrEqual(1);
    expect(sim.blocks.length).toBe(run.calls.sched_op_block);
  });

  it('prints random bytes from the default generator: two different 32-byte values', () => {
    const randoms = line('bare: random=');
    expect(randoms).toHaveLength(2);
    for (const r of randoms) expect(r).toMatch(/^[0-9a-f]{64}$/);
    expect(randoms[0]).not.toBe(randoms[1]);
  });

  it('reports the xen backend and the unikernel sources in its status', () => {
    const [json] = line('bare: status=');
    const status = JSON.parse(json!) as {
      backend: string;
      initialized: boolean;
      seededFrom: string[];
      sources: { name: string; available: boolean; detail: string }[];
    };
    expect(status.backend).toBe('xen');
    expect(status.initialized).toBe(true);
    expect(status.seededFrom).not.toContain('os-random');
    const source = (name: string) => status.sources.find((s) => s.name === name);
    expect(source('os-random')).toMatchObject({ available: false, detail: 'the xen backend has no OS random source' });
    // The per-iteration timer source hangs on this backend's main loop.
    expect(source('loop-timer')).toMatchObject({ available: true, detail: 'atEnterIter hook' });
    expect(source('cpu-rng')?.available).toBe(sim.host.rdrand !== undefined || sim.host.rdseed !== undefined);
    if (sim.host.rdseed) expect(status.seededFrom).toContain('rdseed');
    else if (sim.host.rdrand) expect(status.seededFrom).toContain('rdrand');
    else expect(status.seededFrom).toContain('whirlwind');
    // The CPU-RNG draws went through the ABI.
    if (sim.host.rdseed) expect(run.calls.rdseed).toBeGreaterThan(0);
    expect(run.calls.rdtsc).toBeGreaterThan(0);
  });

  it('read time through the pvclock seqlock and the wall clock from wc_*', () => {
    const [json] = line('bare: backend-status=');
    const s = JSON.parse(json!) as { backend: string; tscStable: boolean; loop: { blocks: number } };
    expect(s.backend).toBe('xen');
    expect(s.tscStable).toBe(true);
    expect(s.loop.blocks).toBe(sim.blocks.length);
  });

  it('exits through SCHEDOP_shutdown(poweroff)', () => {
    expect(sim.shutdownReason).toBe(SHUTDOWN_POWEROFF);
    expect(run.calls.sched_op_shutdown).toBe(1);
  });
});

describe('in a bare engine, with Xen updating vcpu_time_info in the middle of guest reads', () => {
  // Every 3rd RDTSC starts an update (odd version, new tsc_timestamp) that the next one finishes.
  const sim = new XenHostSimulator({ tearEvery: 3 });
  let run: BareRunResult;
  beforeAll(async () => {
    run = await runXenBundle(sim, bundle, { timeoutMs: 60_000 });
  });

  it('retries the torn reads and still gets sane time and a full run', () => {
    expect(run.engineError, sim.consoleText()).toBeNull();
    const text = sim.consoleText();
    const slept = BigInt(/bare: slept-ns=(\d+)/.exec(text)![1]!);
    expect(slept >= 5_000_000n && slept < 5_000_000_000n).toBe(true);
    const wall = BigInt(/wall-ns=(\d+)/.exec(text)![1]!);
    expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(120_000);
    const backend = JSON.parse(/bare: backend-status=(.*)/.exec(text)![1]!) as { pvclockRetries: number };
    expect(backend.pvclockRetries).toBeGreaterThan(0);
    expect(sim.shutdownReason).toBe(SHUTDOWN_POWEROFF);
  });
});

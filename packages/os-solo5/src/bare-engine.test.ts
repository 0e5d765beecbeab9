// The proof of the issue: the Solo5 bundle (entropy + this backend, linked by the rollup alias)
// runs in QuickJS-in-WebAssembly with nothing but ECMAScript built-ins and the Solo5 host ABI,
// seeds the default generator from RDSEED/RDRAND and timing, prints through
// solo5_console_write and exits through solo5_exit. The bundle is the one `npm run build` wrote.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type BareRunResult, runSolo5Bundle } from './testing/bare-engine.js';
import { auditBundle } from './testing/bundle-audit.js';
import { Solo5HostSimulator } from './testing/index.js';

const bundlePath = fileURLToPath(new URL('../dist/bare/solo5.bundle.js', import.meta.url));
const bundle = readFileSync(bundlePath, 'utf8');

describe('the solo5 bundle', () => {
  it('contains this backend and entropy, and references no Node or Web API', () => {
    const audit = auditBundle(bundle);
    expect(audit.references).toEqual({});
    expect(audit.text).toEqual([]);
    expect(audit.imports).toEqual([]);
    // Exactly one backend: Solo5's ABI hook and calls are in, no other backend's marks are.
    expect(bundle).toContain("'__shimkitSolo5Host'");
    expect(bundle).toContain('solo5_clock_monotonic');
    expect(bundle).toContain("name: 'solo5'");
    for (const other of ["name: 'unix'", "name: 'xen'", "name: 'wasi'", '__shimkitXenHost', 'sched_op_block', 'node-gyp-build']) {
      expect(bundle).not.toContain(other);
    }
    expect(bundle).toContain('Fortuna');
  });
});

describe('in a bare engine (QuickJS in WebAssembly)', () => {
  const sim = new Solo5HostSimulator({ cmdline: 'bare --seed-from=cpu' });
  let run: BareRunResult;
  let lines: string[];
  beforeAll(async () => {
    run = await runSolo5Bundle(sim, bundle, { timeoutMs: 60_000 });
    lines = sim.consoleText().split('\n');
  });
  const line = (prefix: string): string[] => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));

  it('has only the built-ins and the host ABI as globals, and runs to completion', () => {
    expect(run.engineError, sim.consoleText()).toBeNull();
    expect(run.globals).not.toContain('__shimkitSolo5Host'); // listed before the embedding added it
    expect(line('bare: fatal')).toEqual([]);
  });

  it('reads argv from the start info and sleeps in solo5_yield', () => {
    expect(line('bare: start ')).toEqual(['backend=solo5 argv=["bare","--seed-from=cpu"]']);
    const [slept] = line('bare: slept-ns=');
    expect(BigInt(slept!.split(' ')[0]!) >= 5_000_000n).toBe(true);
    const wall = BigInt(slept!.split('wall-ns=')[1]!);
    expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(120_000);
    // The sleep was one real solo5_yield that blocked until the sleeper's deadline.
    const blocking = sim.yields.filter((y) => y.deadline > 0n);
    expect(blocking.length).toBeGreaterThanOrEqual(1);
    for (const y of blocking) {
      expect(y.blockedNs > 0n).toBe(true);
      expect(y.returnedAt >= y.deadline).toBe(true);
    }
    expect(run.calls.solo5_yield).toBe(sim.yields.length);
  });

  it('prints random bytes from the default generator: two different 32-byte values', () => {
    const randoms = line('bare: random=');
    expect(randoms).toHaveLength(2);
    for (const r of randoms) expect(r).toMatch(/^[0-9a-f]{64}$/);
    expect(randoms[0]).not.toBe(randoms[1]);
  });

  it('reports the solo5 backend and the unikernel sources in its status', () => {
    const [json] = line('bare: status=');
    const status = JSON.parse(json!) as {
      backend: string;
      initialized: boolean;
      seededFrom: string[];
      sources: { name: string; available: boolean; detail: string }[];
    };
    expect(status.backend).toBe('solo5');
    expect(status.initialized).toBe(true);
    expect(status.seededFrom).not.toContain('os-random');
    const source = (name: string) => status.sources.find((s) => s.name === name);
    expect(source('os-random')).toMatchObject({ available: false, detail: 'the solo5 backend has no OS random source' });
    expect(source('loop-timer')).toMatchObject({ available: true, detail: 'atEnterIter hook' });
    expect(source('cpu-rng')?.available).toBe(sim.host.rdrand !== undefined || sim.host.rdseed !== undefined);
    if (sim.host.rdseed) expect(status.seededFrom).toContain('rdseed');
    else if (sim.host.rdrand) expect(status.seededFrom).toContain('rdrand');
    else expect(status.seededFrom).toContain('whirlwind');
    if (sim.host.rdseed) expect(run.calls.rdseed).toBeGreaterThan(0);
    expect(run.calls.cpu_cycles).toBeGreaterThan(0);
  });

  it('exits through solo5_exit(0)', () => {
    expect(sim.exitStatus).toBe(0);
    expect(run.calls.solo5_exit).toBe(1);
  });
});

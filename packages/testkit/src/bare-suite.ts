/**
 * The checks every unikernel backend's bare-engine proof makes (a vitest suite, like
 * `@shimkit/os-shim/conformance`): the backend's bundle — `@shimkit/entropy` + the backend,
 * linked by the rollup alias, running `runBareProgram` (`../bare-program.ts`) — is audited for
 * Node/Web references and for exactly one backend, then run once in the bare engine
 * (`./bare-engine.ts`) against a host simulator; the shared tests read what the guest printed:
 * no globals but the built-ins and the host ABI, argv and a real sleep, two different random
 * values, an entropy status seeded from the unikernel's sources. The backend's test file adds
 * its ABI-specific checks with the returned accessors.
 *
 * Test-side code (Node).
 */

import { beforeAll, describe, expect, it } from 'vitest';
import type { BareRunResult } from './bare-engine.js';
import { auditBundle } from './bundle-audit.js';

/** What the suite needs from a host simulator. */
export interface BareSuiteSimulator {
  readonly host: { readonly rdrand?: unknown; readonly rdseed?: unknown };
  consoleText(): string;
}

/**
 * Each unikernel backend's marks in a bundle: its host-ABI global, `marks` that prove it is in,
 * and `foreign` text that proves it is in a bundle where it must not be.
 */
export const BACKEND_MARKS = {
  xen: {
    hostGlobal: '__shimkitXenHost',
    marks: ["'__shimkitXenHost'", 'pvclock vcpu_info[0].time', "name: 'xen'"],
    foreign: ["name: 'xen'", '__shimkitXenHost', 'sched_op_block'],
  },
  solo5: {
    hostGlobal: '__shimkitSolo5Host',
    marks: ["'__shimkitSolo5Host'", 'solo5_clock_monotonic', "name: 'solo5'"],
    foreign: ["name: 'solo5'", '__shimkitSolo5Host', 'solo5_clock_monotonic'],
  },
} as const;

/** Marks of the backends that are not unikernels, in no unikernel bundle. */
export const NON_UNIKERNEL_MARKS = ["name: 'unix'", "name: 'wasi'", 'node-gyp-build'] as const;

export interface BareSuite {
  /** The backend's name (`os.name`). */
  readonly backend: keyof typeof BACKEND_MARKS;
  /** The bundle's text. */
  readonly bundle: string;
  /** The simulator the run uses. */
  readonly sim: BareSuiteSimulator;
  /** Runs the bundle in the bare engine against `sim` (once, before the tests). */
  run(): Promise<BareRunResult>;
  /** The argv the simulator's command line gives. */
  readonly argv: readonly string[];
  /** The ABI member that reads the cycle counter. */
  readonly cycleCounterCall: string;
}

export interface BareSuiteRun {
  /** The result of the run (after `beforeAll`). */
  result(): BareRunResult;
  /** The rest of every console line that starts with `prefix`. */
  line(prefix: string): string[];
}

export function describeBareBundle(suite: BareSuite): BareSuiteRun {
  const { backend, bundle, sim } = suite;
  const { hostGlobal, marks } = BACKEND_MARKS[backend];
  const others = Object.entries(BACKEND_MARKS).filter(([name]) => name !== backend);
  const foreignMarks = [...NON_UNIKERNEL_MARKS, ...others.flatMap(([, m]) => m.foreign)];
  let result: BareRunResult;
  let lines: string[] = [];
  beforeAll(async () => {
    result = await suite.run();
    lines = sim.consoleText().split('\n');
  });
  const line = (prefix: string): string[] => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));

  describe(`the ${backend} bundle`, () => {
    it('contains this backend and entropy, and references no Node or Web API', () => {
      const audit = auditBundle(bundle);
      expect(audit.references).toEqual({});
      expect(audit.text).toEqual([]);
      expect(audit.imports).toEqual([]);
      // Exactly one backend: this one's ABI hook and marks are in, no other backend's are.
      for (const mark of marks) expect(bundle).toContain(mark);
      for (const other of foreignMarks) expect(bundle).not.toContain(other);
      expect(bundle).toContain('Fortuna');
    });
  });

  describe('in a bare engine (QuickJS in WebAssembly)', () => {
    it('has only the built-ins and the host ABI as globals, and runs to completion', () => {
      expect(result.engineError, sim.consoleText()).toBeNull();
      expect(result.globals).not.toContain(hostGlobal); // listed before the embedding added it
      expect(line('bare: fatal')).toEqual([]);
    });

    it('reads argv from the command line, sleeps at least the time asked, and reads the wall clock', () => {
      expect(line('bare: start ')).toEqual([`backend=${backend} argv=${JSON.stringify(suite.argv)}`]);
      const [slept] = line('bare: slept-ns=');
      expect(BigInt(slept!.split(' ')[0]!) >= 50_000_000n).toBe(true);
      const wall = BigInt(slept!.split('wall-ns=')[1]!);
      expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(120_000);
    });

    it('prints random bytes from the default generator: two different 32-byte values', () => {
      const randoms = line('bare: random=');
      expect(randoms).toHaveLength(2);
      for (const r of randoms) expect(r).toMatch(/^[0-9a-f]{64}$/);
      expect(randoms[0]).not.toBe(randoms[1]);
    });

    it(`reports the ${backend} backend and the unikernel sources in its status`, () => {
      const [json] = line('bare: status=');
      const status = JSON.parse(json!) as {
        backend: string;
        initialized: boolean;
        seededFrom: string[];
        sources: { name: string; available: boolean; detail: string }[];
      };
      expect(status.backend).toBe(backend);
      expect(status.initialized).toBe(true);
      expect(status.seededFrom).not.toContain('os-random');
      const source = (name: string) => status.sources.find((s) => s.name === name);
      expect(source('os-random')).toMatchObject({ available: false, detail: `the ${backend} backend has no OS random source` });
      // The per-iteration timer source hangs on this backend's main loop.
      expect(source('loop-timer')).toMatchObject({ available: true, detail: 'atEnterIter hook' });
      expect(source('cpu-rng')?.available).toBe(sim.host.rdrand !== undefined || sim.host.rdseed !== undefined);
      if (sim.host.rdseed) expect(status.seededFrom).toContain('rdseed');
      else if (sim.host.rdrand) expect(status.seededFrom).toContain('rdrand');
      else expect(status.seededFrom).toContain('whirlwind');
      // The CPU-RNG draws and the cycle counter went through the ABI.
      if (sim.host.rdseed) expect(result.calls.rdseed).toBeGreaterThan(0);
      expect(result.calls[suite.cycleCounterCall]).toBeGreaterThan(0);
    });
  });

  return { result: () => result, line };
}

import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { status as unixStatus } from '@shimkit/os-unix';
import { auditBundle } from '@shimkit/testkit/bundle-audit';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';
import { runSolo5Bundle } from '@shimkit/testkit/solo5/bare-engine';
import { XenHostSimulator } from '@shimkit/testkit/xen';
import { runXenBundle } from '@shimkit/testkit/xen/bare-engine';
import { buildComponent, loadComponent } from './component-host.js';
import { type Bundler, BUNDLERS, CONSUMER, EXAMPLES } from './consumer.js';

const TARGETS = ['unix', 'xen', 'solo5', 'wasi'] as const;
type Target = (typeof TARGETS)[number];

/** What each target's program prints or returns, as the JSON the tests read. */
interface RunResult {
  backend: string;
  random: string;
  seededFrom: string[];
}

/** Runs a bundle on its target host. */
const RUNNERS: Record<Target, (bundler: Bundler, file: string) => Promise<RunResult>> = {
  async unix(_bundler, file) {
    const r = spawnSync(process.execPath, [file], { cwd: join(CONSUMER, _bundler), encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stderr.trim().split('\n').pop()!) as RunResult;
  },
  // Xen and Solo5: the bundle runs in QuickJS compiled to WebAssembly whose only globals are the
  // engine's built-ins and the host ABI object, backed by the ABI-faithful host simulators.
  async xen(_bundler, file) {
    const code = readFileSync(file, 'utf8');
    expectBareBundle(code);
    const sim = new XenHostSimulator();
    const run = await runXenBundle(sim, code, { timeoutMs: 60_000 });
    // exit(0) reached the ABI; the simulator's hypercall returns (a real one does not), so the
    // backend stops the guest with GuestExit — the only error the run may end with.
    expect(run.engineError ?? '', sim.consoleText()).toMatch(/^\{"code":"ERR_GUEST_EXITED","status":0/);
    expect(sim.shutdownReason).toBe(0); // SHUTDOWN_poweroff
    return lastJsonLine(sim.consoleText());
  },
  async solo5(_bundler, file) {
    const code = readFileSync(file, 'utf8');
    expectBareBundle(code);
    const sim = new Solo5HostSimulator();
    const run = await runSolo5Bundle(sim, code, { timeoutMs: 60_000 });
    expect(run.engineError ?? '', sim.consoleText()).toMatch(/^\{"code":"ERR_GUEST_EXITED","status":0/);
    expect(sim.exitStatus).toBe(0); // solo5_exit(0)
    return lastJsonLine(sim.consoleText());
  },
  async wasi(bundler, file) {
    const outDir = join(CONSUMER, bundler, 'dist', 'wasi-component');
    const built = await buildComponent(file, join(CONSUMER, 'wit'), outDir);
    console.log(`examples: ${bundler} wasi component: ${built.bytes} bytes, componentize + transpile ${(built.ms / 1000).toFixed(1)} s`);
    const component = await loadComponent(outDir);
    const bytes = component.generate(32);
    expect(bytes).toHaveLength(32);
    expect(component.generate(0)).toHaveLength(0);
    const st = JSON.parse(component.status()) as { backend: string; seededFrom: string[] };
    return { backend: st.backend, random: Buffer.from(bytes).toString('hex'), seededFrom: st.seededFrom };
  },
};

const ENTRIES: Record<Target, string> = { unix: 'main.js', xen: 'main.js', solo5: 'main.js', wasi: 'component.js' };

function lastJsonLine(text: string): RunResult {
  return JSON.parse(text.trim().split('\n').pop()!) as RunResult;
}

/** A unikernel bundle references no Node or Web API and imports nothing. */
function expectBareBundle(code: string): void {
  const audit = auditBundle(code);
  expect(audit.references).toEqual({});
  expect(audit.text).toEqual([]);
  expect(audit.imports).toEqual([]);
}
/** This machine's CPU RNG, as the installed os-unix addon reports it. */
const cpu = unixStatus();
const EXPECTED_SEEDS: Record<Target, string[][]> = {
  // Bundled, os-unix still finds its addon through the installed package: the CPU RNG seeds.
  unix: [[cpu.rdseed.available ? 'rdseed' : cpu.rdrand.available ? 'rdrand' : 'whirlwind', 'os-random']],
  // No OS RNG in a unikernel: the CPU RNG (from the host's RDSEED/RDRAND), else timing alone.
  xen: [[cpu.rdseed.available ? 'rdseed' : cpu.rdrand.available ? 'rdrand' : 'whirlwind']],
  solo5: [[cpu.rdseed.available ? 'rdseed' : cpu.rdrand.available ? 'rdrand' : 'whirlwind']],
  // No CPU instructions from Wasm: timing plus wasi:random.
  wasi: [['whirlwind', 'os-random']],
};

const budget = JSON.parse(readFileSync(join(EXAMPLES, 'size-budget.json'), 'utf8')) as Record<Bundler, Record<Target, number>>;

/** The backend module each target must contain, and the ones it must not. */
const BACKEND_DIRS: Record<Target, RegExp> = {
  unix: /node_modules\/@shimkit\/os-unix\/dist\/(index|backend)\.js/,
  xen: /node_modules\/@shimkit\/os-xen\/dist\//,
  solo5: /node_modules\/@shimkit\/os-solo5\/dist\//,
  wasi: /node_modules\/@shimkit\/os-unix\/dist\/wasi\//,
};
const STUB = /node_modules\/@shimkit\/os-shim\/dist\/index\.js/;

describe.each(BUNDLERS)('%s', (bundler) => {
  it.each(TARGETS)('bundles the program for %s: one backend, no stub, within budget, and it runs', async (target) => {
    const project = join(CONSUMER, bundler);
    const { bundle } = (await import(pathToFileURL(join(project, 'build.mjs')).href)) as {
      bundle(o: { target: Target; entry: string; outFile: string; root: string }): Promise<{ file: string; modules: string[] }>;
    };
    const outFile = join(project, 'dist', `${target}.mjs`);
    const { modules } = await bundle({ target, entry: join(project, 'program', ENTRIES[target]), outFile, root: project });
    const ids = modules.map((m) => m.replaceAll('\\', '/'));
    for (const [other, dir] of Object.entries(BACKEND_DIRS)) {
      const inside = ids.some((id) => dir.test(id));
      expect(inside, `${other} backend ${inside ? 'inside' : 'missing'}`).toBe(other === target);
    }
    expect(ids.some((id) => STUB.test(id))).toBe(false);
    // Every shimkit module comes from this project's installed tarballs, none from the workspace.
    const shimkit = ids.filter((id) => id.includes('@shimkit/') || id.includes('/packages/'));
    expect(shimkit.length).toBeGreaterThan(0);
    for (const id of shimkit) expect(id.startsWith(`${project.replaceAll('\\', '/')}/node_modules/@shimkit/`), id).toBe(true);
    expect(ids.some((id) => id.includes('/node_modules/@shimkit/entropy/dist/'))).toBe(true);

    const size = statSync(outFile).size;
    console.log(`examples: ${bundler} ${target} bundle: ${size} bytes (budget ${budget[bundler][target]})`);
    expect(size).toBeLessThanOrEqual(budget[bundler][target]);

    const out = await RUNNERS[target](bundler, outFile);
    expect(out.backend).toBe(target);
    expect(out.random).toMatch(/^[0-9a-f]{64}$/);
    expect(EXPECTED_SEEDS[target]).toContainEqual(out.seededFrom);
  });
});

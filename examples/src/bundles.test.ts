import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { status as unixStatus } from '@shimkit/os-unix';
import { auditBundle } from '@shimkit/testkit/bundle-audit';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';
import { runSolo5Bundle } from '@shimkit/testkit/solo5/bare-engine';
import { XenHostSimulator } from '@shimkit/testkit/xen';
import { runXenBundle } from '@shimkit/testkit/xen/bare-engine';
import { buildComponent, loadComponent } from './component-host.js';
import { type Bundler, BUNDLERS, CONSUMER, EXAMPLES } from './consumer.js';
import { runInChromium } from './web-host.js';
import { type HostKind, PRESETS, type TargetName } from '@shimkit/os-shim/presets';

/** The test matrix: every example project × every link preset. */
type Target = TargetName;

/** The line the example program prints (`program/main.js`), or the component's status (wasi). */
interface RunResult {
  readonly backend: string;
  /** 32 random bytes, hex. */
  readonly random: string;
  readonly seededFrom: string[];
  /** Each source the backend provides, with its SP 800-90B health state (main.js only). */
  readonly health?: Readonly<Record<string, string>>;
  /** Sources running and credited (main.js only). */
  readonly sources?: readonly string[];
}

/** Runs a bundle on the host its preset names (`preset.host`). */
const RUNNERS: Record<HostKind, (bundler: Bundler, file: string) => Promise<RunResult>> = {
  async node(_bundler, file) {
    const r = spawnSync(process.execPath, [file], { cwd: join(CONSUMER, _bundler), encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(r.stderr.trim().split('\n').pop()!) as RunResult;
  },
  // Xen and Solo5: the bundle runs in QuickJS compiled to WebAssembly whose only globals are the
  // engine's built-ins and the host ABI object, backed by the ABI-faithful host simulators.
  async 'xen-abi'(_bundler, file) {
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
  async 'solo5-abi'(_bundler, file) {
    const code = readFileSync(file, 'utf8');
    expectBareBundle(code);
    const sim = new Solo5HostSimulator();
    const run = await runSolo5Bundle(sim, code, { timeoutMs: 60_000 });
    expect(run.engineError ?? '', sim.consoleText()).toMatch(/^\{"code":"ERR_GUEST_EXITED","status":0/);
    expect(sim.exitStatus).toBe(0); // solo5_exit(0)
    return lastJsonLine(sim.consoleText());
  },
  async 'wasi-component'(bundler, file) {
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
  // Web: the bundle as a module script of a page in Debian's Chromium, headless (web-host.ts).
  // A page cannot end itself: exit(0) throws WebExitError (ERR_WEB_EXIT, exitCode 0), by
  // os-web's design. The run must print the report as its last line (console.error), after only
  // the notices Chromium's clock causes, and then end with exactly that error, nothing else.
  async web(bundler, file) {
    // Nothing is external on the web: the bundle imports nothing and references no Node global.
    const audit = auditBundle(readFileSync(file, 'utf8'));
    expect(audit.imports).toEqual([]);
    expect(Object.keys(audit.references).filter((name) => NODE_GLOBALS.includes(name))).toEqual([]);
    expect(audit.text.filter((t) => t !== 'globalThis.crypto')).toEqual([]);
    const run = await runInChromium(file);
    console.log(`examples: ${bundler} web ran in Chromium ${run.version}`);
    const exit = {
      name: 'WebExitError',
      code: 'ERR_WEB_EXIT',
      exitCode: 0,
      message: 'exit(0) was called, but this Web runtime cannot end the program; the current task is stopped by this error',
    };
    expect(run.errors).toEqual([exit]);
    expect(run.lines.slice(0, -1)).toEqual(WEB_NOTICES);
    expect(run.events).toEqual([...run.lines.map((line) => `console.error ${line}`), `pageerror ${exit.name}: ${exit.message}`]);
    const report = JSON.parse(run.lines.at(-1)!) as RunResult;
    // Reported synchronously after the first request, before any loop iteration: the refused
    // bootstrap's monitor is in permanent failure, the OS source delivered its seed (healthy: it
    // has no statistical monitor, its health is what it contributed), the loop-timer source has
    // not finished its start-up test.
    expect(report.health).toEqual({ bootstrap: 'permanent', 'os-random': 'healthy', 'loop-timer': 'startup' });
    expect(report.sources).toEqual(['os-random']);
    return report;
  },
};

/**
 * What entropy prints in a Chromium page before the report: performance.now() there moves in
 * 100 µs steps (the page is not cross-origin isolated), so the Whirlwind timing bootstrap's
 * samples repeat and the SP 800-90B repetition count test refuses them (packages/os-web/README.md,
 * "Chromium page"); the generator is seeded from crypto.getRandomValues alone.
 */
const WEB_NOTICES = ['@shimkit/entropy: the Whirlwind timing bootstrap failed its health tests (repetition-count)'];

/** Globals only Node (and Node-compatible runtimes) define: a bundle for the `web` preset references none. */
const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', 'exports', '__dirname', '__filename', 'setImmediate'];

/** Runs `fn`, collecting what it writes to stderr or console.warn/error (bundlers' warnings) instead of printing it. */
async function quietly<T>(fn: () => Promise<T>): Promise<{ result: T; warnings: string[] }> {
  const warnings: string[] = [];
  const spies = [
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (warnings.push(String(chunk).trim()), true)),
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' '))),
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' '))),
  ];
  try {
    return { result: await fn(), warnings };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

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
/** The sources that seed the generator on each host (`preset.host`). */
const cpuSeed = cpu.rdseed.available ? 'rdseed' : cpu.rdrand.available ? 'rdrand' : 'whirlwind';
const EXPECTED_SEEDS: Record<HostKind, string[][]> = {
  // Bundled, os-unix still finds its addon through the installed package: the CPU RNG seeds.
  node: [[cpuSeed, 'os-random']],
  // No OS RNG in a unikernel: the CPU RNG (from the host's RDSEED/RDRAND), else timing alone.
  'xen-abi': [[cpuSeed]],
  'solo5-abi': [[cpuSeed]],
  // No CPU instructions from Wasm: timing plus wasi:random.
  'wasi-component': [['whirlwind', 'os-random']],
  // A Chromium page: crypto.getRandomValues; Whirlwind refused on the 100 µs clock (WEB_NOTICES).
  web: [['os-random']],
};

const budget = JSON.parse(readFileSync(join(EXAMPLES, 'size-budget.json'), 'utf8')) as Record<Bundler, Partial<Record<Target, number>>>;

const STUB = /node_modules\/@shimkit\/os-shim\/dist\/index\.js/;

/**
 * The file each preset's backend module resolves to in `project` (its installed package), and the
 * package folder it lives in: a bundle for one target must contain its backend's file and nothing
 * of any other backend (no file of another backend package; for two targets sharing a package,
 * not the other's entry file).
 */
function backendFiles(project: string): Map<TargetName, { entry: string; packageDir: string }> {
  const require = createRequire(join(project, 'package.json'));
  return new Map(
    PRESETS.map((p) => [p.name, { entry: require.resolve(p.module).replaceAll('\\', '/'), packageDir: `${join(project, 'node_modules', p.package).replaceAll('\\', '/')}/` }]),
  );
}

describe.each(BUNDLERS)('%s', (bundler) => {
  it('its package.json depends on every preset\'s backend package', () => {
    const manifest = JSON.parse(readFileSync(join(EXAMPLES, bundler, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    for (const p of PRESETS) expect(Object.keys(manifest.dependencies), `examples/${bundler}/package.json: add ${p.package}`).toContain(p.package);
  });

  it.each(PRESETS.map((p) => [p.name, p] as const))('bundles the program for %s: one backend, no stub, within budget, and it runs', async (target, preset) => {
    const project = join(CONSUMER, bundler);
    const { bundle } = (await import(pathToFileURL(join(project, 'build.mjs')).href)) as {
      bundle(o: { target: Target; entry: string; outFile: string; root: string }): Promise<{ file: string; modules: string[] }>;
    };
    const outFile = join(project, 'dist', `${target}.mjs`);
    const entry = join(project, 'program', preset.program === 'component' ? 'component.js' : 'main.js');
    const { result: { modules }, warnings } = await quietly(() => bundle({ target, entry, outFile, root: project }));
    // A bundler's deprecation or resolution warning is a defect of the example's configuration.
    expect(warnings).toEqual([]);
    const ids = modules.map((m) => m.replaceAll('\\', '/'));
    const backends = backendFiles(project);
    const own = backends.get(target)!;
    expect(ids, `${target} backend ${own.entry} missing`).toContain(own.entry);
    for (const [other, files] of backends) {
      if (other === target) continue;
      const foreign = files.packageDir === own.packageDir ? ids.filter((id) => id === files.entry) : ids.filter((id) => id.startsWith(files.packageDir));
      expect(foreign, `${other} backend inside`).toEqual([]);
    }
    expect(ids.some((id) => STUB.test(id))).toBe(false);
    // Every shimkit module comes from this project's installed tarballs, none from the workspace.
    const shimkit = ids.filter((id) => id.includes('@shimkit/') || id.includes('/packages/'));
    expect(shimkit.length).toBeGreaterThan(0);
    for (const id of shimkit) expect(id.startsWith(`${project.replaceAll('\\', '/')}/node_modules/@shimkit/`), id).toBe(true);
    expect(ids.some((id) => id.includes('/node_modules/@shimkit/entropy/dist/'))).toBe(true);

    const size = statSync(outFile).size;
    const limit = budget[bundler]?.[target];
    expect(limit, `size-budget.json: no budget for ${bundler} × ${target}`).toBeTypeOf('number');
    console.log(`examples: ${bundler} ${target} bundle: ${size} bytes (budget ${limit})`);
    expect(size).toBeLessThanOrEqual(limit!);

    const run = RUNNERS[preset.host];
    expect(run, `no runner for host kind ${preset.host}`).toBeTypeOf('function');
    const out = await run(bundler, outFile);
    expect(out.backend).toBe(target);
    expect(out.random).toMatch(/^[0-9a-f]{64}$/);
    console.log(`examples: ${bundler} ${target} report: ${JSON.stringify(out)}`);
    expect(EXPECTED_SEEDS[preset.host]).toContainEqual(out.seededFrom);
  });
});

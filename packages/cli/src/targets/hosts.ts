/**
 * Runs a target's bundle on the host its preset names (`preset.host`), one runner per host kind:
 *
 * - `node`: Node.js, in a child process (the bundle prints its report with `os.console.log`,
 *   which the unix backend writes to stderr);
 * - `xen-abi`, `solo5-abi`: QuickJS compiled to WebAssembly, whose only link to the world is the
 *   backend's host ABI object, backed by the ABI-faithful host simulator of os-xen / os-solo5
 *   (from the private `@shimkit/testkit`: the CLI is private too, a workspace tool);
 * - `web`: Deno (from its npm package, a real Web runtime that the `web` preset serves through
 *   its `deno` condition), in a child process with no permissions granted: the bundle may use
 *   only the Web platform (Web Crypto, High Resolution Time, timers). os-web's console writes
 *   through `console.error`, and its `exit` ends the process there. Chromium runs the same
 *   bundles in the `examples` and `web-chromium` tests;
 * - `wasi-component`: ComponentizeJS makes a WebAssembly component of the bundle for
 *   `examples/wit/world.wit`, jco transpiles it, and it runs here on preview2-shim (the component
 *   is cached next to the bundle, keyed by the bundle's hash).
 *
 * A new host kind (a preset whose `host` is not below) needs its runner here.
 */

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { HostKind } from '@shimkit/os-shim/presets';
import { CliError } from '../exit-codes.js';
import type { BuiltBundle } from './build.js';
import { cacheDir, witSources } from './paths.js';

/** What the example program reports from its host. */
export interface ProgramReport {
  readonly backend: string;
  /** 32 random bytes, hex. */
  readonly random: string;
  readonly seededFrom: readonly string[];
  /** Each source the backend provides, with its health state (`healthy`, `startup`, `not-tested`, …). */
  readonly health: Readonly<Record<string, string>>;
  /** Sources running and credited. */
  readonly sources: readonly string[];
}

type Runner = (bundle: BuiltBundle, progress: (line: string) => void) => Promise<ProgramReport>;

const RUNNERS: Record<HostKind, Runner> = {
  async node(bundle) {
    const r = spawnSync(process.execPath, [bundle.file], { cwd: dirname(bundle.file), encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) fail(bundle, `exited with ${r.status ?? r.signal}: ${lastLine(r.stderr)}`);
    return report(bundle, r.stderr);
  },
  async 'xen-abi'(bundle) {
    const { XenHostSimulator } = await import('@shimkit/testkit/xen');
    const { runXenBundle } = await import('@shimkit/testkit/xen/bare-engine');
    const sim = new XenHostSimulator();
    const run = await runXenBundle(sim, readFileSync(bundle.file, 'utf8'), { timeoutMs: 60_000 });
    // exit(0) reaches the ABI; the simulator's hypercall returns (a real one does not), so the
    // backend stops the guest with ERR_GUEST_EXITED status 0 — the only way the run may end.
    if (!/^\{"code":"ERR_GUEST_EXITED","status":0/.test(run.engineError ?? '')) fail(bundle, `guest did not exit 0: ${run.engineError ?? 'no exit'}`);
    return report(bundle, sim.consoleText());
  },
  async 'solo5-abi'(bundle) {
    const { Solo5HostSimulator } = await import('@shimkit/testkit/solo5');
    const { runSolo5Bundle } = await import('@shimkit/testkit/solo5/bare-engine');
    const sim = new Solo5HostSimulator();
    const run = await runSolo5Bundle(sim, readFileSync(bundle.file, 'utf8'), { timeoutMs: 60_000 });
    if (!/^\{"code":"ERR_GUEST_EXITED","status":0/.test(run.engineError ?? '')) fail(bundle, `guest did not exit 0: ${run.engineError ?? 'no exit'}`);
    return report(bundle, sim.consoleText());
  },
  async web(bundle) {
    const r = spawnSync(denoBinary(), ['run', '--quiet', '--no-prompt', '--no-config', bundle.file], {
      cwd: dirname(bundle.file),
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    if (r.status !== 0) fail(bundle, `deno exited with ${r.status ?? r.signal}: ${lastLine(r.stderr)}`);
    return report(bundle, r.stderr);
  },
  async 'wasi-component'(bundle, progress) {
    const component = await loadComponent(bundle, progress);
    const bytes = component.generate(32);
    const st = JSON.parse(component.status()) as { backend: string; seededFrom: string[]; sources: { name: string; available: boolean; healthy: boolean; health: string }[] };
    return {
      backend: st.backend,
      random: Buffer.from(bytes).toString('hex'),
      seededFrom: st.seededFrom,
      health: Object.fromEntries(st.sources.filter((s) => s.available).map((s) => [s.name, s.health])),
      sources: st.sources.filter((s) => s.healthy).map((s) => s.name),
    };
  },
};

/** Runs `bundle` on `host`. */
export function runOnHost(host: HostKind, bundle: BuiltBundle, progress: (line: string) => void): Promise<ProgramReport> {
  const runner = RUNNERS[host];
  if (runner === undefined) throw new CliError('targetFailed', `${bundle.target}: no runner for host kind ${JSON.stringify(host)}`);
  return runner(bundle, progress);
}

interface ExampleComponent {
  generate(n: number): Uint8Array;
  status(): string;
}

/** Componentizes and transpiles the bundle (or reuses the cached component), then imports it. */
async function loadComponent(bundle: BuiltBundle, progress: (line: string) => void): Promise<ExampleComponent> {
  const { _clearPreopens, _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
  const outDir = join(cacheDir(), 'targets', `${bundle.target}-component`);
  const stamp = join(outDir, 'bundle.sha256');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== bundle.sha256) {
    progress(`${bundle.target}: componentizing (ComponentizeJS + jco; tens of seconds)`);
    const { componentize } = await import('@bytecodealliance/componentize-js');
    const { transpile } = await import('@bytecodealliance/jco');
    const { world, deps } = witSources();
    const witDir = join(cacheDir(), `wit.${process.pid}.tmp`);
    rmSync(witDir, { recursive: true, force: true });
    mkdirSync(witDir, { recursive: true });
    cpSync(world, join(witDir, 'world.wit'));
    cpSync(deps, join(witDir, 'deps'), { recursive: true });
    // ComponentizeJS reads the WIT through preview2-shim's filesystem: preopen the WIT folder only.
    _setPreopens({ [witDir]: witDir });
    try {
      const { component } = await componentize({ sourcePath: bundle.file, witPath: witDir, worldName: 'example', disableFeatures: ['http', 'fetch-event'] });
      const { files } = await transpile(component, { name: 'example' });
      // Written beside the cache entry, then swapped in (a run never imports a half-written one).
      const partial = `${outDir}.${process.pid}.tmp`;
      rmSync(partial, { recursive: true, force: true });
      for (const [name, data] of Object.entries(files)) {
        const file = join(partial, name);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, data);
      }
      writeFileSync(join(partial, 'bundle.sha256'), bundle.sha256);
      rmSync(outDir, { recursive: true, force: true });
      renameSync(partial, outDir);
    } catch (e) {
      fail(bundle, `componentize: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
    } finally {
      _clearPreopens();
      rmSync(witDir, { recursive: true, force: true });
    }
  }
  _clearPreopens();
  return (await import(pathToFileURL(join(outDir, 'example.js')).href)) as ExampleComponent;
}

function report(bundle: BuiltBundle, text: string): ProgramReport {
  const line = lastLine(text);
  try {
    const r = JSON.parse(line) as ProgramReport;
    if (typeof r.backend !== 'string' || typeof r.random !== 'string' || typeof r.health !== 'object') throw new Error('not a report');
    return r;
  } catch {
    return fail(bundle, `no report from the program; last output line: ${line || '(none)'}`);
  }
}

/** Deno's binary from its npm package (the platform package npm installs, else the wrapper's copy). */
function denoBinary(): string {
  const require = createRequire(import.meta.url);
  const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
  for (const [pkg, file] of [[`@deno/linux-${arch}-glibc`, 'deno'], ['deno', 'deno']] as const) {
    try {
      const path = join(dirname(require.resolve(`${pkg}/package.json`)), file);
      if (existsSync(path)) return path;
    } catch {
      // not installed: try the next
    }
  }
  throw new CliError('targetFailed', 'web: no Deno binary (npm package "deno"); run npm ci in the repository root');
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '';
}

function fail(bundle: BuiltBundle, message: string): never {
  throw new CliError('targetFailed', `${bundle.target}: ${message}`);
}

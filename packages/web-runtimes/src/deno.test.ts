import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './probes/report.js';
import { denoPath } from './host/binaries.js';
import { bundlePath, PACKAGE_DIR } from './host/bundles.js';
import { expectConformance, expectExit, expectSharedMemory, expectSmoke, expectTimer, record } from './host/report-checks.js';
import { lastJsonLine, runProcess } from './host/run-process.js';

// No permission but reading the few variables the bundled test runner's colour detection
// (tinyrainbow, under @vitest/expect) asks for; os-web itself needs none.
const RUNNER_ENV = '--allow-env=FORCE_TTY,NO_COLOR,FORCE_COLOR,TERM,CI';

describe('Deno (deno run, from the npm package deno)', () => {
  let deno: string;
  let version: string;
  let report: RuntimeReport;

  beforeAll(async () => {
    deno = denoPath();
    version = (await runProcess(deno, ['--version'], { timeoutMs: 30_000 })).stdout.split('\n')[0]!;
    const run = await runProcess(deno, ['run', '--quiet', RUNNER_ENV, bundlePath('cli.js')], { cwd: PACKAGE_DIR, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    report = lastJsonLine<RuntimeReport>(run.stdout);
    record('deno', { version, ...report });
  });

  it('is the Deno the package pins', () => {
    expect(version).toMatch(/^deno 2\.9\.6 /);
    expect(report.runtime).toMatch(/^Deno 2\.9\.6 /);
  });

  it('lifecycle.exit is left untried where it would end the process', () => expectExit(report, false));
  it('passes the os-shim conformance suite inside Deno', () => expectConformance(report));
  it('runs the entropy smoke test inside Deno', () => void expectSmoke(report));
  it('measures performance.now() granularity', () => expectTimer(report));
  it('fills views over a SharedArrayBuffer (which Deno\'s getRandomValues accepts as they are)', () => expectSharedMemory(report, { available: true, directCall: 'accepted' }));

  it('exits by itself with os-web loop hooks and the entropy sources registered (Deno.unrefTimer)', async () => {
    const run = await runProcess(deno, ['run', '--quiet', RUNNER_ENV, bundlePath('cli.js'), 'keepalive'], { cwd: PACKAGE_DIR, timeoutMs: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(lastJsonLine<{ hookCalls: number }>(run.stdout).hookCalls).toBeGreaterThan(10);
  });

  it('cannot load the os-unix N-API addon: the process dies on an unresolved libuv symbol', async () => {
    const run = await runProcess(deno, ['run', '-A', bundlePath('addon-probe.js')], { cwd: PACKAGE_DIR, timeoutMs: 60_000 });
    record('deno-addon', run);
    expect(run.code).toBe(127);
    expect(run.stderr).toMatch(/symbol lookup error: .*os-unix.*\.node: undefined symbol: uv_/);
  });

  it("runs os-unix's JS fallback (SHIMKIT_NO_ADDON=1) and it passes conformance there", async () => {
    const run = await runProcess(deno, ['run', '-A', bundlePath('addon-probe.js')], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, SHIMKIT_NO_ADDON: '1' },
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const probe = lastJsonLine<{ unixStatus: { path: string }; conformance: { status: string }[] }>(run.stdout);
    record('deno-unix-fallback', probe);
    expect(probe.unixStatus.path).toBe('fallback');
    expect(probe.conformance.filter((c) => c.status === 'failed')).toEqual([]);
  });
});

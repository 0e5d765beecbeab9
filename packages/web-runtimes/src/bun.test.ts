import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './probes/report.js';
import { bunPath } from './host/binaries.js';
import { bundlePath, PACKAGE_DIR } from './host/bundles.js';
import { expectConformance, expectExit, expectSharedMemory, expectSmoke, expectTimer, record } from './host/report-checks.js';
import { lastJsonLine, runProcess } from './host/run-process.js';

describe('Bun (bun run, from the npm package bun)', () => {
  let bun: string;
  let version: string;
  let report: RuntimeReport;

  beforeAll(async () => {
    bun = bunPath();
    version = (await runProcess(bun, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
    const run = await runProcess(bun, ['run', bundlePath('cli.js')], { cwd: PACKAGE_DIR, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    report = lastJsonLine<RuntimeReport>(run.stdout);
    record('bun', { version, ...report });
  });

  it('is the Bun the package pins', () => {
    expect(version).toBe('1.4.4');
    expect(report.runtime).toBe('Bun 1.4.4');
  });

  it('lifecycle.exit is left untried where it would end the process', () => expectExit(report, false));
  it('passes the os-shim conformance suite inside Bun', () => expectConformance(report));
  it('runs the entropy smoke test inside Bun', () => void expectSmoke(report));
  it('measures performance.now() granularity', () => expectTimer(report));
  it('fills views over a SharedArrayBuffer (which Bun\'s getRandomValues accepts as they are)', () => expectSharedMemory(report, { available: true, directCall: 'accepted' }));

  it('exits by itself with os-web loop hooks and the entropy sources registered (Timeout.unref)', async () => {
    const run = await runProcess(bun, ['run', bundlePath('cli.js'), 'keepalive'], { cwd: PACKAGE_DIR, timeoutMs: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.code, run.stderr).toBe(0);
    expect(lastJsonLine<{ hookCalls: number }>(run.stdout).hookCalls).toBeGreaterThan(10);
  });

  it('Node runs the same bundle and exits by itself too (the same unref path)', async () => {
    const run = await runProcess(process.execPath, [bundlePath('cli.js'), 'keepalive'], { cwd: PACKAGE_DIR, timeoutMs: 20_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(lastJsonLine<{ hookCalls: number }>(run.stdout).hookCalls).toBeGreaterThan(10);
  });

  it('cannot use the os-unix N-API addon: the process dies on an OpenSSL 3 symbol BoringSSL lacks', async () => {
    const run = await runProcess(bun, ['run', bundlePath('addon-probe.js')], { cwd: PACKAGE_DIR, timeoutMs: 60_000 });
    record('bun-addon', run);
    expect(run.code).toBe(127);
    expect(run.stderr).toMatch(/symbol lookup error: .*os-unix.*\.node: undefined symbol: EVP_/);
  });

  it("os-unix's JS fallback (SHIMKIT_NO_ADDON=1) fails conformance in Bun: node:crypto has no chacha20", async () => {
    const run = await runProcess(bun, ['run', bundlePath('addon-probe.js')], {
      cwd: PACKAGE_DIR,
      env: { ...process.env, SHIMKIT_NO_ADDON: '1' },
      timeoutMs: 60_000,
    });
    expect(run.code, run.stderr).toBe(0);
    const probe = lastJsonLine<{ unixStatus: { path: string }; conformance: { name: string; status: string; error?: string }[] }>(run.stdout);
    record('bun-unix-fallback', probe);
    expect(probe.unixStatus.path).toBe('fallback');
    const failed = probe.conformance.filter((c) => c.status === 'failed');
    expect(failed.map((c) => c.name.replace(/ > [^>]*$/, ''))).toEqual(Array(failed.length).fill('os-shim conformance > Cpu.chacha20'));
    expect(failed.map((c) => c.error)).toEqual(Array(failed.length).fill('Error: Unknown cipher'));
    expect(failed.length).toBe(4);
  });
});

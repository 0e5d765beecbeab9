import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeReport } from './probes/report.js';
import { workerdPath } from './host/binaries.js';
import { bundlePath } from './host/bundles.js';
import { expectConformance, expectExit, expectSharedMemory, expectSmoke, expectTimer, record } from './host/report-checks.js';
import { runProcess } from './host/run-process.js';

/** A free TCP port on 127.0.0.1 (asked of the OS, then released for workerd to take). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The smallest workerd config: one ES-module worker behind one HTTP socket on 127.0.0.1. */
const config = (port: number): string => `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [ (name = "main", worker = .report) ],
  sockets = [ (name = "http", address = "127.0.0.1:${port}", http = (), service = "main") ],
);

const report :Workerd.Worker = (
  modules = [ (name = "workerd.js", esModule = embed "workerd.js") ],
  compatibilityDate = "2026-11-01",
);
`;

async function fetchWhenUp(url: string, deadlineMs: number): Promise<Response> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > end) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('workerd (workerd serve, from the npm package workerd)', () => {
  let dir: string;
  let child: ChildProcess | undefined;
  let log = '';
  let version: string;
  let report: RuntimeReport;

  beforeAll(async () => {
    const workerd = workerdPath();
    version = (await runProcess(workerd, ['--version'], { timeoutMs: 30_000 })).stdout.trim();
    dir = mkdtempSync(join(tmpdir(), 'shimkit-workerd-'));
    copyFileSync(bundlePath('workerd.js'), join(dir, 'workerd.js'));
    const port = await freePort();
    writeFileSync(join(dir, 'config.capnp'), config(port));
    child = spawn(workerd, ['serve', 'config.capnp'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (log += d));
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (log += d));
    const response = await fetchWhenUp(`http://127.0.0.1:${port}/`, 30_000);
    expect(response.status, log).toBe(200);
    report = (await response.json()) as RuntimeReport;
    record('workerd', { version, log, ...report });
  });

  afterAll(() => {
    child?.kill('SIGTERM');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is the workerd the package pins', () => {
    expect(version).toBe('workerd 2026-11-17');
    expect(report.runtime).toBe('Cloudflare-Workers');
  });

  // workerd (compatibility date 2026-11-01) has process.exit: it cancels the request ("The
  // Node.js process.exit(3) API was called. Canceling the request."), so exit is not tried here.
  it('lifecycle.exit is left untried: workerd has process.exit, which cancels the request', () => expectExit(report, false));
  it('passes the os-shim conformance suite inside a workerd worker', () => expectConformance(report));
  it('runs the entropy smoke test inside a workerd worker', () => void expectSmoke(report));
  it('measures performance.now() granularity', () => expectTimer(report));
  it('fills views over a SharedArrayBuffer (which workerd\'s getRandomValues accepts as they are)', () => expectSharedMemory(report, { available: true, directCall: 'accepted' }));
});

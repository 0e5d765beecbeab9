import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function runNode(script: string): { status: number | null; stdout: string; stderr: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: dist,
    env: { ...process.env, SHIMKIT_NO_ADDON: expectNative ? '' : '1' },
    encoding: 'utf8',
    timeout: 15_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, ms: Date.now() - t0 };
}

describe('a process that uses os-unix exits on its own', () => {
  it('with enter/exit hooks, the cycle trace and a shutdown hook registered', () => {
    const r = runNode(`
      import { os, status } from './index.js';
      let enter = 0, exit = 0;
      os.main.atEnterIter(() => { enter++; });
      os.main.atExitIter(() => { exit++; });
      const stop = os.main.cycleTrace?.start();
      os.lifecycle.onShutdownRequest(() => {});
      const buf = new Uint8Array(32);
      os.random.fill(buf);
      // Report once hooks have run (a loaded machine may fire a short timer before the first
      // loop iteration that runs them); the spawn's timeout bounds the wait.
      const sink = new Uint32Array(4096);
      let traced = os.main.cycleTrace ? 0 : -1;
      const report = () => {
        if (os.main.cycleTrace) traced += os.main.cycleTrace.drain(sink);
        if (enter > 0 && exit > 0 && traced !== 0) console.log(JSON.stringify({ path: status().path, enter, exit, traced }));
        else setTimeout(report, 5);
      };
      setTimeout(report, 30);
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { path: string; enter: number; exit: number; traced: number };
    expect(out.path).toBe(expectNative ? 'native' : 'fallback');
    expect(out.enter).toBeGreaterThan(0);
    expect(out.exit).toBeGreaterThan(0);
    if (expectNative) expect(out.traced).toBeGreaterThan(0);
    else expect(out.traced).toBe(-1);
    expect(r.ms).toBeLessThan(10_000);
  });

  it('hook errors reach the uncaught-exception path and other hooks keep running', () => {
    const r = runNode(`
      import { os } from './index.js';
      let other = 0;
      process.on('uncaughtException', (e) => { console.log('caught ' + e.message + ' other=' + (other > 0)); process.exit(0); });
      os.main.atEnterIter(() => { throw new Error('boom'); });
      os.main.atEnterIter(() => { other++; });
      setTimeout(() => {}, 50);
    `);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('caught boom other=true');
  });
});

describe('worker threads', () => {
  it('each worker gets its own backend, hooks run there, and the worker ends cleanly', () => {
    const r = runNode(`
      import { Worker } from 'node:worker_threads';
      const code = \`
        import('node:worker_threads').then(async ({ parentPort }) => {
          const { os, status } = await import(${JSON.stringify(dist + 'index.js')});
          let n = 0;
          os.main.atEnterIter(() => { n++; });
          const stop = os.main.cycleTrace?.start();
          const report = () => (n > 0 ? parentPort.postMessage({ path: status().path, n }) : setTimeout(report, 5));
          setTimeout(report, 20);
        });
      \`;
      const results = await Promise.all([0, 1].map(() => new Promise((resolve, reject) => {
        const w = new Worker(code, { eval: true });
        w.once('message', (m) => resolve(m));
        w.once('error', reject);
      })));
      console.log(JSON.stringify(results));
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const results = JSON.parse(r.stdout) as { path: string; n: number }[];
    expect(results).toHaveLength(2);
    for (const w of results) {
      expect(w.path).toBe(expectNative ? 'native' : 'fallback');
      expect(w.n).toBeGreaterThan(0);
    }
  });
});

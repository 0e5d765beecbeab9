/**
 * New-process start of the python executor, cold vs warm, side by side in one run (Node).
 *
 * Each round spawns `node` running a small script (below, `--child`) that creates the python
 * executor with a store in a given directory and runs one trivial call; the figure is the time
 * from the spawn to the call's result arriving on the child's stdout (the parent's clock), so it
 * includes Node's own start, importing the executor, the worker, Pyodide and the call.
 * - cold: an empty cache directory (Pyodide loads from scratch, makes the snapshot and the code
 *   cache and stores them — after the result);
 * - warm: a directory primed by one earlier run (snapshot and code cache read from it).
 * Rounds are interleaved (cold, warm, cold, warm, …); medians of ≥ 5 each; the ratio is printed
 * against the issue's target (≥ 5×), with the load average before and after.
 *
 * The store is the executor's default kind, a `DiskCache` (`@shimkit/executors/cache`) under the
 * python engine id, in a temporary directory.
 * Run: node bench/python-start.mjs   (SHIMKIT_BENCH_ROUNDS=N for N rounds of each, default 5)
 */

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = new URL('../dist/', import.meta.url);
if (process.argv[2] === '--child') {
  const dir = process.argv[3];
  const { pythonCacheEngine, pythonExecutor } = await import(new URL('python/executor.js', dist).href);
  const { createRegistry, defineFunction } = await import(new URL('index.js', dist).href);
  const { DiskCache } = await import(new URL('cache/disk-cache.js', dist).href);
  const python = pythonExecutor({ cache: new DiskCache({ dir, engine: pythonCacheEngine() }) });
  const registry = createRegistry({ executors: [python] });
  const fn = defineFunction({ name: 'start', executorType: 'python', payload: new TextEncoder().encode('def entrypoint(argv):\n    return "ok"\n') });
  const r = await registry.run({ function: fn }, { deadlineMs: 300_000, memoryBytes: 256 * 2 ** 20 });
  process.stdout.write(`${JSON.stringify({ value: r.ok ? r.value : `${r.kind}: ${r.message}`, uptimeMs: process.uptime() * 1000, status: python.status() })}\n`);
  await python.close(); // waits for the snapshot writes (cold runs)
  process.exit(0);
}

function runChild(dir) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', dir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let result;
    child.stdout.on('data', (d) => {
      out += d;
      if (result === undefined && out.includes('\n')) result = { ms: Number(process.hrtime.bigint() - t0) / 1e6, ...JSON.parse(out.slice(0, out.indexOf('\n'))) };
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && result?.value === 'ok' ? resolve(result) : reject(new Error(`child exited with ${code}: ${out}`))));
  });
}

const rounds = Math.max(5, Number(process.env.SHIMKIT_BENCH_ROUNDS ?? 5));
const root = mkdtempSync(join(tmpdir(), 'shimkit-python-start-'));
const warmDir = join(root, 'warm');
const loadBefore = loadavg();
try {
  const prime = await runChild(warmDir);
  console.log(`python executor, new-process start to first result (DiskCache; Node ${process.version}; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')})`);
  console.log(`  priming run: ${prime.ms.toFixed(0)} ms, snapshot ${(prime.status.snapshotBytes / 2 ** 20).toFixed(1)} MiB ${prime.status.snapshot}`);
  const cold = [];
  const warm = [];
  for (let i = 0; i < rounds; i++) {
    const c = await runChild(join(root, `cold-${i}`));
    if (c.status.snapshot !== 'made this process') throw new Error(`cold round ${i} did not load cold: ${JSON.stringify(c.status)}`);
    cold.push(c);
    const w = await runChild(warmDir);
    if (w.status.snapshot !== 'loaded from disk' || w.status.codeCache !== 'loaded from disk') throw new Error(`warm round ${i} did not start warm: ${JSON.stringify(w.status)}`);
    warm.push(w);
    console.log(`  round ${i + 1}: cold ${c.ms.toFixed(0)} ms (worker load ${c.status.startMs.first.toFixed(0)} ms), warm ${w.ms.toFixed(0)} ms (worker load ${w.status.startMs.first.toFixed(0)} ms)`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const mc = median(cold.map((r) => r.ms));
  const mw = median(warm.map((r) => r.ms));
  const lc = median(cold.map((r) => r.status.startMs.first));
  const lw = median(warm.map((r) => r.status.startMs.first));
  const ratio = mc / mw;
  console.log(`  median of ${rounds}: cold ${mc.toFixed(0)} ms, warm ${mw.toFixed(0)} ms → ${ratio.toFixed(2)}× faster (target ≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'})`);
  console.log(`  interpreter load alone (in the worker): cold ${lc.toFixed(0)} ms, warm ${lw.toFixed(0)} ms → ${(lc / lw).toFixed(2)}×`);
  console.log(`  load average before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

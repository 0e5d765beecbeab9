/**
 * Compiled-module cache and worker pool benchmark, side by side in one run (Node):
 *  1. in-process cache hit vs cold compile, for the QuickJS engine (`quickjs-wasi/quickjs.wasm`)
 *     and Pyodide (`pyodide/pyodide.asm.wasm`). Cold = what a miss costs: SHA-256 of the bytes,
 *     the memory-cap rewrite and `WebAssembly.compile`, with a different cap each round (so V8's
 *     own per-isolate module cache, which matches identical bytes, cannot answer); hit = the same
 *     `ModuleCache.get` for a key already held (the digest is memoised per payload array).
 *  2. round trip of one call at a time: a bare `worker.postMessage` echo; a no-op piscina task;
 *     a trivial wasm call on the pool (`pool.run(job)`: the compiled module posted, a fresh
 *     instance and WASI host in the worker); the same through `registry.run`.
 * Run: node bench/cache.mjs   (SHIMKIT_BENCH_QUICK=1 for fewer rounds)
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { capVariant, compileCapped, createRegistry, defineFunction, ModuleCache, wasmExecutor } from '../dist/index.js';
import { wasmPool } from '../dist/pool/wasm-pool.js';
import { buildModules } from '../test/build-modules.mjs';

await buildModules();
const quick = process.env.SHIMKIT_BENCH_QUICK === '1';
const require = createRequire(import.meta.url);
const load = (spec) => new Uint8Array(readFileSync(require.resolve(spec)));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(2)} µs`);

console.log(`node ${process.version}, ${availableParallelism()} cpus, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}, ${quick ? 'quick' : 'full'} run\n`);

// 1. cache hit vs cold compile
const MiB = 2 ** 20;
const results = [];
for (const [label, spec] of [
  ['QuickJS engine', 'quickjs-wasi/quickjs.wasm'],
  ['Pyodide', 'pyodide/pyodide.asm.wasm'],
]) {
  const bytes = load(spec);
  const rounds = quick ? 3 : 7;
  const cold = [];
  for (let i = 0; i < rounds; i++) {
    const cap = 256 * MiB + i * 65536;
    const cache = new ModuleCache();
    const t0 = process.hrtime.bigint();
    await cache.get(bytes, capVariant(cap), () => compileCapped(bytes, cap), { memoise: false });
    cold.push(Number(process.hrtime.bigint() - t0));
  }
  const cache = new ModuleCache();
  const cap = 128 * MiB;
  await cache.get(bytes, capVariant(cap), () => compileCapped(bytes, cap));
  const n = quick ? 20_000 : 200_000;
  const hit = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await cache.get(bytes, capVariant(cap), () => compileCapped(bytes, cap));
    hit.push(Number(process.hrtime.bigint() - t0) / n);
  }
  const c = median(cold);
  const h = median(hit);
  results.push(`${label} (${(bytes.length / MiB).toFixed(2)} MiB): cold ${fmt(c)}, hit ${fmt(h)} = ${Math.round(c / h).toLocaleString('en')}× (target ≥ 100×)`);
  console.log(`${`${label}: cold compile (hash + cap + compile), median of ${rounds}`.padEnd(64)} ${fmt(c).padStart(12)}`);
  console.log(`${`${label}: cache hit, median of 5 × ${n}`.padEnd(64)} ${fmt(h).padStart(12)}`);
  if (cache.stats().misses !== 1) throw new Error('the hit loop compiled again');
}

// 2. round trips, one call at a time
async function measure(label, n, fn) {
  for (let i = 0; i < Math.min(n, 1000); i++) await fn();
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    rounds.push(Number(process.hrtime.bigint() - t0) / n);
  }
  const m = median(rounds);
  console.log(`${label.padEnd(64)} ${fmt(m).padStart(12)}`);
  return m;
}
console.log('');
const n = quick ? 2000 : 20_000;

const echo = new Worker("require('node:worker_threads').parentPort.on('message', (m) => require('node:worker_threads').parentPort.postMessage(m));", { eval: true });
const bare = await measure('bare worker: postMessage → echo → message', n, () => new Promise((res) => (echo.once('message', res), echo.postMessage(1))));
await echo.terminate();

const noop = new Piscina({ filename: fileURLToPath(new URL('./noop-task.mjs', import.meta.url)), minThreads: 1, maxThreads: 1 });
const piscinaNoop = await measure('piscina: run(no-op task)', n, () => noop.run(1));
await noop.destroy();

const trivial = new Uint8Array(readFileSync(fileURLToPath(new URL('../test/build/trivial.wasm', import.meta.url))));
const answer = defineFunction({ name: 'answer', executorType: 'wasm', payload: trivial });
const pool = wasmPool({ threads: 1 });
const { module } = await compileCapped(trivial, 256 * MiB);
const job = {
  module,
  importedMemory: undefined,
  name: 'answer',
  arguments: {},
  inputs: new Map(),
  outputs: [],
  stdin: new Uint8Array(0),
  env: {},
  streamBytes: 1 << 20,
  maxOutputBytes: 1 << 20,
  scratchBytes: 1 << 20,
  deadlineNs: undefined,
};
const call = { signal: new AbortController().signal };
const poolCall = await measure('wasm pool: run(job) of a trivial export (module posted)', n, async () => {
  const r = await pool.run(job, call);
  if (!r.ok || r.value !== '42') throw new Error('bad result');
});
const registry = createRegistry({ executors: [wasmExecutor({ runner: pool })] });
const viaRegistry = await measure('wasm pool: registry.run(answer) (cache hit + pool)', n / 2, async () => {
  const r = await registry.run({ function: answer });
  if (!r.ok || r.value !== '42') throw new Error('bad result');
});
await pool.close();

console.log('');
for (const line of results) console.log(line);
console.log(`round trip: bare postMessage ${fmt(bare)}, piscina no-op ${fmt(piscinaNoop)} (target ≤ 60 µs), wasm pool trivial call ${fmt(poolCall)}, registry.run on the pool ${fmt(viaRegistry)}`);
console.log(`load average after: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

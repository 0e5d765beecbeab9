/**
 * Executors benchmark, side by side in one run (Node):
 *  1. warm in-thread call of a trivial export (`answer`, returns 42):
 *     - through the executor: `registry.run(task)` on a cached, compiled module (each call gets a
 *       fresh instance and WASI host: calls never share state);
 *     - through a warm instance of ours: `instantiateWarm(fn).call('answer')` (typed result, wall time);
 *     - node:wasi: the same module instantiated once by hand with node:wasi, export called.
 *  2. WASI hello world `_start` end to end: `registry.run` (fresh instance, stdout captured) vs
 *     node:wasi (new WASI + instantiate + start, stdout to /dev/null), compiled module cached in both.
 *  3. cancel latency: a pure-wasm infinite loop in a worker, from the deadline's abort to the
 *     worker's exit.
 * Run: npm run bench -w @shimkit/executors   (SHIMKIT_BENCH_QUICK=1 for fewer rounds)
 */

import { closeSync, openSync, readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { fileURLToPath } from 'node:url';
import { createRegistry, defineFunction, instantiateWarm, wasmExecutor } from '../dist/index.js';
import { workerRunner } from '../dist/wasm/worker-runner.js';
import { buildModules } from '../test/build-modules.mjs';

await buildModules();
const quick = process.env.SHIMKIT_BENCH_QUICK === '1';
const mod = (name) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../test/build/${name}.wasm`, import.meta.url))));

async function measure(label, n, fn) {
  for (let i = 0; i < Math.min(n, 2000); i++) await fn();
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    rounds.push(Number(process.hrtime.bigint() - t0) / n);
  }
  rounds.sort((a, b) => a - b);
  const median = rounds[2];
  console.log(`${label.padEnd(58)} ${(median / 1000).toFixed(2).padStart(9)} µs/call`);
  return median;
}

const syncMeasure = (label, n, fn) =>
  measure(label, n, () => {
    fn();
  });

console.log(`node ${process.version}, ${quick ? 'quick' : 'full'} run\n`);

// 1. warm call of a trivial export
const trivial = mod('trivial');
const registry = createRegistry({ executors: [wasmExecutor()] });
const answer = defineFunction({ name: 'answer', executorType: 'wasm', payload: trivial });
const task = { function: answer };
const n1 = quick ? 2000 : 20000;
const viaRegistry = await measure('executor: registry.run(answer) (fresh instance per call)', n1 / 4, async () => {
  const r = await registry.run(task);
  if (!r.ok || r.value !== '42') throw new Error('bad result');
});
const compiled = new WebAssembly.Module(trivial);
const warm = instantiateWarm(answer);
const oursWarm = await syncMeasure('executor: instantiateWarm(answer).call("answer")', n1 * 10, () => {
  const r = warm.call('answer');
  if (!r.ok || r.value !== 42) throw new Error('bad');
});
const nodeWasi = new WASI({ version: 'preview1' });
const nodeInst = new WebAssembly.Instance(compiled, nodeWasi.getImportObject());
const nodeWarm = await syncMeasure('node:wasi: warm instance, answer()', n1 * 10, () => {
  if (nodeInst.exports.answer() !== 42) throw new Error('bad');
});

// 2. hello world _start end to end
const hello = mod('hello');
const helloFn = defineFunction({ name: 'hello', executorType: 'wasm', payload: hello });
const n2 = quick ? 300 : 2000;
const oursStart = await measure('executor: registry.run(hello _start), stdout captured', n2, async () => {
  const r = await registry.run({ function: helloFn });
  if (!r.ok || r.stdout.length !== 13) throw new Error('bad hello');
});
const helloCompiled = new WebAssembly.Module(hello);
const devnull = openSync('/dev/null', 'w');
const nodeStart = await measure('node:wasi: new WASI + instantiate + start (stdout → /dev/null)', n2, () => {
  const w = new WASI({ version: 'preview1', stdout: devnull, returnOnExit: true });
  const inst = new WebAssembly.Instance(helloCompiled, w.getImportObject());
  w.start(inst);
});
closeSync(devnull);

// 3. cancel latency
const runner = workerRunner({ idleWorkers: 1 });
const workers = createRegistry({ executors: [wasmExecutor({ runner })] });
const faults = defineFunction({ name: 'main', executorType: 'wasm', payload: mod('faults'), arguments: [{ key: 'mode' }] });
await workers.run({ function: defineFunction({ name: 'hello', executorType: 'wasm', payload: hello }) });
const observed = [];
for (let i = 0; i < (quick ? 3 : 10); i++) {
  const t0 = process.hrtime.bigint();
  const r = await workers.run({ function: faults, arguments: { mode: 'loop' } }, { deadlineMs: 50 });
  observed.push(Number(process.hrtime.bigint() - t0) / 1e6 - 50);
  if (r.ok || r.kind !== 'timeout') throw new Error('expected a timeout');
  await new Promise((res) => setTimeout(res, 20));
}
await runner.close();
const lat = [...runner.cancelLatenciesNs].map((x) => x / 1e6).sort((a, b) => a - b);
const obs = observed.sort((a, b) => a - b);
const med = (xs) => xs[Math.floor(xs.length / 2)];

console.log('');
console.log(`cancel: result returned ${med(obs).toFixed(2)} ms after the deadline (median of ${obs.length}; the registry answers at the deadline)`);
console.log(`cancel: worker.terminate() of a pure-wasm loop took ${med(lat).toFixed(2)} ms (median), ${lat[0].toFixed(2)}–${lat.at(-1).toFixed(2)} ms`);
console.log('');
console.log(`warm in-thread call: ours ${(oursWarm / 1000).toFixed(3)} µs vs node:wasi ${(nodeWarm / 1000).toFixed(3)} µs (target ≤ 10 µs); through registry.run ${(viaRegistry / 1000).toFixed(2)} µs`);
console.log(`_start end to end: ours ${(oursStart / 1000).toFixed(1)} µs vs node:wasi ${(nodeStart / 1000).toFixed(1)} µs = ${(oursStart / nodeStart).toFixed(2)}× (target ≤ 1.5×)`);

/**
 * Script executors benchmark (Node): cold first call and warm n-th call of a trivial function,
 * js (QuickJS-NG on our WASI host) and python (Pyodide in one-call worker threads).
 *  - js cold: a new executor's first call (reads and compiles quickjs.wasm with the cap, then
 *    instantiates); js warm: the n-th call (compiled engine cached; fresh instance per call).
 *  - python cold: a new executor's first call (worker start + Pyodide load + call); python warm:
 *    the n-th call with the pool's next interpreter already loaded (awaited outside the timing),
 *    i.e. postMessage + run + result; each interpreter serves one call and is terminated.
 * Run: node bench/scripts.mjs   (after `npm run build`; SHIMKIT_BENCH_QUICK=1 for fewer rounds)
 */

import { createRegistry, defineFunction, jsExecutor } from '../dist/index.js';
import { pythonExecutor } from '../dist/python/executor.js';

const quick = process.env.SHIMKIT_BENCH_QUICK === '1';
const enc = (s) => new TextEncoder().encode(s);
const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const limits = { deadlineMs: 60_000, memoryBytes: 64 * 2 ** 20 };

function check(r) {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r;
}

// js
{
  const fn = defineFunction({ name: 'answer', executorType: 'js', payload: enc('export const entrypoint = () => "42";') });
  const registry = createRegistry({ executors: [jsExecutor()] });
  let t0 = process.hrtime.bigint();
  check(await registry.run({ function: fn }, limits));
  const cold = ms(t0);
  const n = quick ? 20 : 200;
  const warm = [];
  for (let i = 0; i < n; i++) {
    t0 = process.hrtime.bigint();
    check(await registry.run({ function: fn }, limits));
    warm.push(ms(t0));
  }
  console.log(`js     cold first call ${cold.toFixed(1)} ms; warm call (n=${n}) median ${median(warm).toFixed(2)} ms, min ${Math.min(...warm).toFixed(2)} ms`);
}

// python
{
  const fn = defineFunction({ name: 'answer', executorType: 'python', payload: enc('def entrypoint(argv):\n    return "42"\n') });
  const python = pythonExecutor();
  const registry = createRegistry({ executors: [python] });
  let t0 = process.hrtime.bigint();
  check(await registry.run({ function: fn }, limits));
  const cold = ms(t0);
  const n = quick ? 3 : 8;
  const warm = [];
  const loads = [];
  for (let i = 0; i < n; i++) {
    const l0 = process.hrtime.bigint();
    await python.warmUp(limits.memoryBytes);
    loads.push(ms(l0));
    t0 = process.hrtime.bigint();
    check(await registry.run({ function: fn }, limits));
    warm.push(ms(t0));
  }
  await python.close();
  console.log(`python cold first call ${cold.toFixed(0)} ms; warm call (n=${n}, interpreter loaded ahead) median ${median(warm).toFixed(1)} ms, min ${Math.min(...warm).toFixed(1)} ms; refilling one interpreter took up to ${Math.max(...loads).toFixed(0)} ms`);
}

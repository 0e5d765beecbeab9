/**
 * The executors every registry has unless told otherwise: `builtin`, `wasm` (alias `wamr`), `js`
 * (QuickJS-NG on our WASI host) and `python` (Pyodide; Node only — its module, with worker
 * threads, is imported on the first python call, so other targets never load it).
 *
 * On Node the `wasm` executor runs its calls on the process-wide worker pool
 * (`pool/wasm-pool.ts`), imported on the first wasm call the same way, so other targets and
 * bundles never load `node:worker_threads`; elsewhere, and for calls that inject their own clock
 * or random source (a worker cannot use the caller's objects), calls run in the caller's thread.
 */

import { builtinExecutor } from './builtin/index.js';
import type { Executor, ExecutorCall } from './executor.js';
import { type JsRunner, jsExecutor } from './js/executor.js';
import { runJsJob } from './js/job.js';
import { FunctionFault } from './result.js';
import { entropyRandom, osClock } from './sources.js';
import { inThreadRunner, type WasmRunner, wasmExecutor } from './wasm/executor.js';

const isNode = (): boolean => {
  const p = (globalThis as { process?: { release?: { name?: string }; versions?: { node?: string } } }).process;
  return p?.release?.name === 'node' && typeof p.versions?.node === 'string';
};

/**
 * The wasm and js runner of `defaultExecutors()`: on Node, the process-wide worker pool
 * (`sharedWasmPool()` from `@shimkit/executors/worker`), imported on the first call that can use it;
 * elsewhere, or when that import fails (the reason is in `status()`), the caller's thread. A call
 * with a clock or random source other than the defaults (`osClock`, `entropyRandom`) runs in the
 * caller's thread, where those objects live.
 * @example
 * const runner = lazyPoolRunner();
 * createRegistry({ executors: [wasmExecutor({ runner }), jsExecutor({ runner })] });
 */
export function lazyPoolRunner(): WasmRunner & JsRunner {
  let pool: Promise<(WasmRunner & JsRunner) | undefined> | undefined;
  let loaded: (WasmRunner & JsRunner) | undefined;
  let unavailable: string | undefined = isNode() ? undefined : 'not Node';
  const load = (call: ExecutorCall): Promise<(WasmRunner & JsRunner) | undefined> | undefined => {
    if (unavailable !== undefined || call.clock !== osClock || call.random !== entropyRandom) return undefined;
    pool ??= import('./pool/wasm-pool.js').then(
      (m) => (loaded = m.sharedWasmPool()),
      (e: unknown) => {
        unavailable = `worker pool unavailable: ${e instanceof Error ? e.message : String(e)}`;
        return undefined;
      },
    );
    return pool;
  };
  return {
    async run(job, call) {
      const runner = await load(call);
      return runner === undefined ? inThreadRunner.run(job, call) : runner.run(job, call);
    },
    async runJs(job, call) {
      const runner = await load(call);
      if (runner !== undefined) return runner.runJs(job, call);
      return runJsJob(job, { clock: call.clock, random: call.random, signal: call.signal });
    },
    status() {
      if (unavailable !== undefined) return { kind: 'in-thread', reason: unavailable };
      return { kind: 'worker pool', ...(loaded?.status?.() ?? { workers: 0, started: false }) };
    },
  };
}

/**
 * The `python` executor, loaded on its first call (Node: `@shimkit/executors/python`). Its
 * `status()` is `{ loaded: false }` until then, and the python executor's own report after
 * (snapshot origin, interpreters started, start times, the disk cache's counters).
 */
export function lazyPythonExecutor(): Executor {
  let loaded: Promise<Executor> | undefined;
  let python: Executor | undefined;
  let failure: string | undefined;
  return {
    name: 'python',
    aliases: ['mesapy'],
    async execute(call: ExecutorCall) {
      loaded ??= import('./python/executor.js').then((m) => (python = m.pythonExecutor()));
      let executor: Executor;
      try {
        executor = await loaded;
      } catch (e) {
        loaded = undefined;
        failure = e instanceof Error ? e.message : String(e);
        throw new FunctionFault('internal', `the python executor needs Node worker threads: ${failure}`);
      }
      return executor.execute(call);
    },
    status() {
      if (python === undefined) return failure === undefined ? { loaded: false } : { loaded: false, reason: failure };
      return { loaded: true, ...(python.status?.() ?? {}) };
    },
  };
}

/**
 * A fresh set of the default executors.
 * @example const registry = createRegistry({ executors: [...defaultExecutors(), myExecutor] });
 */
export function defaultExecutors(): Executor[] {
  const runner = lazyPoolRunner();
  return [builtinExecutor(), wasmExecutor({ runner }), jsExecutor({ runner }), lazyPythonExecutor()];
}

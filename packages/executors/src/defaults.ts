/**
 * The executors every registry has unless told otherwise: `builtin`, `wasm` (alias `wamr`), `js`
 * (QuickJS-NG on our WASI host) and `python` (Pyodide; Node only — its module, with worker
 * threads, is imported on the first python call, so other targets never load it).
 */

import { builtinExecutor } from './builtin/index.js';
import type { Executor, ExecutorCall } from './executor.js';
import { jsExecutor } from './js/executor.js';
import { FunctionFault } from './result.js';
import { wasmExecutor } from './wasm/executor.js';

/** The `python` executor, loaded on its first call (Node: `@shimkit/executors/python`). */
export function lazyPythonExecutor(): Executor {
  let loaded: Promise<Executor> | undefined;
  return {
    name: 'python',
    aliases: ['mesapy'],
    async execute(call: ExecutorCall) {
      loaded ??= import('./python/executor.js').then((m) => m.pythonExecutor());
      let python: Executor;
      try {
        python = await loaded;
      } catch (e) {
        loaded = undefined;
        throw new FunctionFault('internal', `the python executor needs Node worker threads: ${e instanceof Error ? e.message : String(e)}`);
      }
      return python.execute(call);
    },
  };
}

/**
 * A fresh set of the default executors.
 * @example const registry = createRegistry({ executors: [...defaultExecutors(), myExecutor] });
 */
export function defaultExecutors(): Executor[] {
  return [builtinExecutor(), wasmExecutor(), jsExecutor(), lazyPythonExecutor()];
}

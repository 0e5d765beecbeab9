/**
 * The executors `shimkit run` and the tour use: `@shimkit/executors`' four (builtin, wasm, js,
 * python), set up for a one-shot command on Node —
 * - wasm calls run in worker threads (`@shimkit/executors/worker`), so a pure-wasm loop is
 *   stopped at its deadline (in this thread it could not be interrupted);
 * - the python interpreter is loaded before the call (`warmUp`, Pyodide's cold start takes
 *   seconds), so `--timeout` bounds the function, not the interpreter's start;
 * - `close()` ends every worker, so nothing outlives the command.
 */

import { builtinExecutor, createRegistry, type ExecutorRegistry, jsExecutor, wasmExecutor } from '@shimkit/executors';
import { type PythonExecutor, pythonExecutor } from '@shimkit/executors/python';
import { type WorkerRunner, workerRunner } from '@shimkit/executors/worker';

/** A registry with its Node-side resources. */
export interface CliExecutors {
  readonly registry: ExecutorRegistry;
  /** Loads a Python interpreter for `memoryBytes` ahead of the call; resolves when it is ready or has failed. */
  warmPython(memoryBytes: number): Promise<void>;
  /** Why the python executor cached nothing on disk (e.g. the cache directory is read-only), one line each; empty when all is well or python was not used. */
  pythonNotes(): readonly string[];
  /** Terminates the workers (wasm and python). */
  close(): Promise<void>;
}

/** A fresh registry: builtin, wasm (in workers), js, python (one interpreter loaded on demand). */
export function cliExecutors(): CliExecutors {
  const runner: WorkerRunner = workerRunner({ idleWorkers: 0 });
  let python: PythonExecutor | undefined;
  const registry = createRegistry({
    executors: [
      builtinExecutor(),
      wasmExecutor({ runner }),
      jsExecutor(),
      {
        name: 'python',
        aliases: ['mesapy'],
        execute: (call) => (python ??= pythonExecutor({ ready: 1 })).execute(call),
      },
    ],
  });
  return {
    registry,
    async warmPython(memoryBytes) {
      python ??= pythonExecutor({ ready: 1 });
      // A load that fails (e.g. a cap too small for the interpreter) stays in the pool: the call
      // takes it and reports the failure as a typed result (kind 'memory' or 'internal').
      await python.warmUp(memoryBytes).catch(() => {});
    },
    pythonNotes() {
      return python?.status().notes ?? [];
    },
    async close() {
      await Promise.all([runner.close(), python?.close()]);
    },
  };
}

/**
 * Node only (`@shimkit/executors/worker`): runs wasm calls in worker threads, so a call can be
 * stopped at its deadline — the worker running it is terminated and replaced; the host and its
 * other calls keep running. Since executors part 3 this is a thin wrapper over the wasm worker
 * pool (`../pool/wasm-pool.ts`, piscina): `workerRunner()` is `wasmPool()` with this entry's
 * options, kept so code written against `./worker` keeps working.
 *
 * Randomness and time inside the workers come from each thread's `@shimkit/entropy` and OS shim;
 * to inject others (tests), name a module exporting `clock` and / or `random` in `sources`.
 */

import type { WasmRunner } from './executor.js';
import { type WasmPoolStatus, wasmPool } from '../pool/wasm-pool.js';
import { checkOptionKeys } from '../options.js';

export { type WasmPool, type WasmPoolOptions, type WasmPoolStatus, sharedWasmPool, wasmPool } from '../pool/wasm-pool.js';

/** Options of the worker runner. */
export interface WorkerRunnerOptions {
  /** URL of a module exporting `clock` and / or `random` for the workers (default: the OS shim and entropy). */
  readonly sources?: string | URL;
  /**
   * Kept for compatibility: the pool keeps all of its `threads` workers (`os.availableParallelism()`
   * by default) and replaces each one that is terminated; this option no longer changes anything.
   * @deprecated use `threads`.
   */
  readonly idleWorkers?: number;
  /** Worker threads (default `os.availableParallelism()`). */
  readonly threads?: number;
  /** Calls that may wait for a worker (default 1024); beyond that a call fails with kind 'limit', `ERR_QUEUE_FULL`. */
  readonly maxQueue?: number;
}

/** A wasm runner on worker threads. */
export interface WorkerRunner extends WasmRunner {
  /** Nanoseconds from each abort to its worker's exit (the cancel latency), most recent last. */
  readonly cancelLatenciesNs: readonly number[];
  status(): WasmPoolStatus;
  /** Terminates every worker. */
  close(): Promise<void>;
}

/**
 * A runner that executes each call in a worker thread of a pool of its own.
 * @throws ExecutorError `ERR_INVALID_OPTIONS` for `threads` < 1 or `maxQueue` < 0.
 * @example const registry = createRegistry({ executors: [wasmExecutor({ runner: workerRunner() })] });
 */
export function workerRunner(options: WorkerRunnerOptions = {}): WorkerRunner {
  checkOptionKeys('workerRunner options', options, ['sources', 'idleWorkers', 'threads']);
  return wasmPool({
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.maxQueue === undefined ? {} : { maxQueue: options.maxQueue }),
  });
}

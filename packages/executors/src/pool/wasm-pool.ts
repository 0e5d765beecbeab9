/**
 * Node only: the wasm worker pool. wasm calls run on `threads` worker threads managed by piscina
 * (https://github.com/piscinajs/piscina, 5.3.2), with a bounded queue:
 *
 * - at most `threads` calls run at once and at most `maxQueue` wait; a call beyond that fails at
 *   once with kind 'limit', code `ERR_QUEUE_FULL` (nothing runs, nothing waits);
 * - a call's deadline or `AbortSignal` terminates the worker running that call (piscina never lets
 *   an abortable task share a thread) and a fresh worker replaces it; the other calls, running or
 *   queued, keep going. A queued call that is aborted just leaves the queue;
 * - a worker that dies mid-call (its thread exits) ends that call with kind 'internal', code
 *   `ERR_WORKER_EXITED`; the pool replaces the worker and the next call runs normally;
 * - the job posted to a worker holds the compiled `WebAssembly.Module` (from the module cache):
 *   structured clone shares the compiled code, so no worker recompiles it.
 *
 * Threads are started on the first call, not when the pool is made, and are unref'd while idle: a
 * process with a pool still exits when it has nothing else to do. `close()` terminates them.
 *
 * Why piscina and not tinypool (2.2.0, a fork of piscina with no dependencies): tinypool notices a
 * worker thread's death only through its 'error' event, so a thread that exits mid-call (an
 * `process.exit` in the worker, an out-of-memory abort) leaves that call pending forever; piscina
 * also listens for 'exit', fails the call, and replaces the worker. Both support Node 20.
 */

import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { ExecutorError } from '../errors.js';
import type { ExecutorCall } from '../executor.js';
import type { JsJob, JsJobResult } from '../js/job.js';
import type { JsRunner } from '../js/executor.js';
import type { WasmRunner } from '../wasm/executor.js';
import type { WasmJob, WasmJobResult } from '../wasm/job.js';
import { checkOptionKeys } from '../options.js';

/** Options of a wasm pool. */
export interface WasmPoolOptions {
  /** Worker threads (default `os.availableParallelism()`). */
  readonly threads?: number;
  /** Calls that may wait for a worker beyond the `threads` running (default 1024). */
  readonly maxQueue?: number;
  /** URL of a module exporting `clock` and / or `random` for the workers (default: the OS shim and `@shimkit/entropy`). */
  readonly sources?: string | URL;
}

/** What a pool reports in `registry.status()`. */
export type WasmPoolStatus = {
  /** Worker threads configured. */
  readonly threads: number;
  /** Worker threads alive now (0 before the first call and after `close()`). */
  readonly workers: number;
  /** Calls running now. */
  readonly running: number;
  /** Calls waiting for a worker now. */
  readonly queued: number;
  readonly maxQueue: number;
  /** Calls that came back from a worker with a result (of any kind). */
  readonly completed: number;
  /** Calls refused because the queue was full (`ERR_QUEUE_FULL`). */
  readonly rejectedQueueFull: number;
  /** Calls stopped by their deadline or signal while running: their worker was terminated and replaced. */
  readonly terminatedAfterAbort: number;
  /** Calls whose worker died under them (`ERR_WORKER_EXITED`); the worker was replaced. */
  readonly workerExits: number;
  /** Jobs posted with a compiled module (shared code) and with raw bytes (compiled in the worker). */
  readonly postedModules: number;
  readonly postedBytes: number;
};

/** A wasm (and js) runner on a worker pool. */
export interface WasmPool extends WasmRunner, JsRunner {
  /** Runs a js job (QuickJS engine module posted) on the pool, under the same queue bound and deadline handling. */
  runJs(job: JsJob, call: ExecutorCall): Promise<JsJobResult>;
  /** Nanoseconds from each abort of a running call to its worker's exit, most recent last (up to 1000). */
  readonly cancelLatenciesNs: readonly number[];
  status(): WasmPoolStatus;
  /** Terminates every worker; calls still queued fail with kind 'internal'. The pool starts again on the next call. */
  close(): Promise<void>;
}

/** The worker's file: a CommonJS loader of the task module (`wasm-task-loader.cts` says why). */
function taskUrl(): string {
  const beside = new URL('./wasm-task-loader.cjs', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return fileURLToPath(beside);
  // Running from the TypeScript sources (the package's own tests): use the built task.
  return fileURLToPath(new URL('../../dist/pool/wasm-task-loader.cjs', import.meta.url));
}

const EMPTY = new Uint8Array(0);
const QUEUE_FULL = 'ERR_QUEUE_FULL';
const WORKER_EXITED = 'ERR_WORKER_EXITED';

function count(name: string, v: number | undefined, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= min)) throw new ExecutorError('ERR_INVALID_OPTIONS', `${name} must be an integer ≥ ${min}, got ${String(v)}`);
  return v;
}

/**
 * A wasm runner on a pool of worker threads.
 * @throws ExecutorError `ERR_INVALID_OPTIONS` for `threads` < 1 or `maxQueue` < 0 (or not integers).
 * @example
 * const pool = wasmPool({ threads: 4, maxQueue: 64 });
 * const registry = createRegistry({ executors: [wasmExecutor({ runner: pool })] });
 * // … registry.status().wasm.runner → { threads: 4, workers: 4, queued: 0, … }
 * await pool.close();
 */
export function wasmPool(options: WasmPoolOptions = {}): WasmPool {
  checkOptionKeys('wasmPool options', options, ['threads', 'maxQueue', 'sources']);
  const threads = count('threads', options.threads, availableParallelism(), 1);
  const maxQueue = count('maxQueue', options.maxQueue, 1024, 0);
  const workerData = options.sources === undefined ? {} : { sources: String(options.sources) };
  const latencies: number[] = [];
  let piscina: Piscina | undefined;
  let inflight = 0;
  const counters = { completed: 0, rejectedQueueFull: 0, terminatedAfterAbort: 0, workerExits: 0, postedModules: 0, postedBytes: 0 };

  const start = (): Piscina =>
    new Piscina({
      filename: taskUrl(),
      minThreads: threads,
      maxThreads: threads,
      // The bound is enforced here (exact, before piscina sees the call); piscina's is a backstop.
      maxQueue: maxQueue + threads,
      concurrentTasksPerWorker: 1,
      workerData,
    });

  // Every failure made here has the shape both result types share ({ ok: false, kind, message, code, stdout, stderr }).
  async function submit(job: WasmJob | JsJob, call: ExecutorCall): Promise<WasmJobResult | JsJobResult> {
    if (inflight >= threads + maxQueue) {
      counters.rejectedQueueFull++;
      return {
        ok: false,
        kind: 'limit',
        code: QUEUE_FULL,
        message: `${QUEUE_FULL}: the wasm pool's queue is full (${threads} running, ${maxQueue} waiting); retry later or raise maxQueue`,
        stdout: EMPTY,
        stderr: EMPTY,
      };
    }
    const pool = (piscina ??= start());
    if (job.module instanceof WebAssembly.Module) counters.postedModules++;
    else counters.postedBytes++;
    // Registered before piscina's own listener, so it sees the workers before piscina removes the aborted one.
    const onAbort = () => {
      const before = new Set(pool.threads);
      const t0 = process.hrtime.bigint();
      queueMicrotask(() => {
        const alive = new Set(pool.threads);
        for (const w of before) {
          if (alive.has(w)) continue;
          counters.terminatedAfterAbort++;
          void once(w as Worker, 'exit').then(() => {
            latencies.push(Number(process.hrtime.bigint() - t0));
            if (latencies.length > 1000) latencies.shift();
          });
        }
      });
    };
    call.signal.addEventListener('abort', onAbort, { once: true });
    inflight++;
    try {
      const r = (await pool.run(job, { signal: call.signal })) as WasmJobResult | JsJobResult;
      counters.completed++;
      return r;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      if (e instanceof Error && e.name === 'AbortError') {
        return { ok: false, kind: 'timeout', message: 'the call was stopped (its worker was terminated)', stdout: EMPTY, stderr: EMPTY };
      }
      if (/queue is at limit|no task queue/iu.test(message)) {
        counters.rejectedQueueFull++;
        return { ok: false, kind: 'limit', code: QUEUE_FULL, message: `${QUEUE_FULL}: ${message}`, stdout: EMPTY, stderr: EMPTY };
      }
      if (/worker exited/iu.test(message)) {
        counters.workerExits++;
        return { ok: false, kind: 'internal', code: WORKER_EXITED, message: `${WORKER_EXITED}: the wasm worker running this call died (${message})`, stdout: EMPTY, stderr: EMPTY };
      }
      return { ok: false, kind: 'internal', message: `the wasm pool failed: ${message}`, stdout: EMPTY, stderr: EMPTY };
    } finally {
      inflight--;
      call.signal.removeEventListener('abort', onAbort);
    }
  }

  return {
    run: (job: WasmJob, call: ExecutorCall) => submit(job, call) as Promise<WasmJobResult>,
    runJs: (job: JsJob, call: ExecutorCall) => submit(job, call) as Promise<JsJobResult>,
    cancelLatenciesNs: latencies,
    status(): WasmPoolStatus {
      const queued = piscina?.queueSize ?? 0;
      return { threads, workers: piscina?.threads.length ?? 0, running: Math.max(0, inflight - queued), queued, maxQueue, ...counters };
    },
    async close() {
      const p = piscina;
      piscina = undefined;
      await p?.destroy();
    },
  };
}

let shared: WasmPool | undefined;

/**
 * The process-wide pool `defaultExecutors()` uses on Node (default options; threads start on its first call).
 * @example sharedWasmPool().status().workers
 */
export function sharedWasmPool(): WasmPool {
  shared ??= wasmPool();
  return shared;
}

/**
 * Node only (`@shimkit/executors/worker`): runs wasm calls in worker threads, so a call can be
 * stopped at its deadline — the worker is terminated (about 2 ms for a pure-wasm loop here) and
 * replaced; the host and its other calls keep running. Abortable calls never share a thread: each
 * call has a worker to itself; up to `idleWorkers` finished workers are kept warm for the next
 * calls. The compiled module is posted to the worker (no recompilation there).
 *
 * Randomness and time inside the worker come from that thread's `@shimkit/entropy` and OS shim;
 * to inject others (tests), name a module exporting `clock` and / or `random` in `sources`.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExecutorCall } from '../executor.js';
import type { WasmRunner } from './executor.js';
import type { WasmJob, WasmJobResult } from './job.js';

/** Options of the worker runner. */
export interface WorkerRunnerOptions {
  /** URL of a module exporting `clock` and / or `random` for the workers (default: the OS shim and entropy). */
  readonly sources?: string | URL;
  /** Finished workers kept for later calls (default 2). */
  readonly idleWorkers?: number;
}

/** A wasm runner on worker threads. */
export interface WorkerRunner extends WasmRunner {
  /** Nanoseconds from each abort to its worker's exit (the cancel latency), most recent last. */
  readonly cancelLatenciesNs: readonly number[];
  /** Terminates every idle worker. */
  close(): Promise<void>;
}

function entryUrl(): URL {
  const beside = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  // Running from the TypeScript sources (the package's own tests): use the built entry.
  return new URL('../../dist/wasm/worker-entry.js', import.meta.url);
}

const EMPTY = new Uint8Array(0);

/**
 * A runner that executes each call in a worker thread.
 * @example const registry = createRegistry({ executors: [wasmExecutor({ runner: workerRunner() })] });
 */
export function workerRunner(options: WorkerRunnerOptions = {}): WorkerRunner {
  const idle: Worker[] = [];
  const maxIdle = options.idleWorkers ?? 2;
  const latencies: number[] = [];
  const workerData = options.sources === undefined ? {} : { sources: String(options.sources) };
  const url = entryUrl();
  const spawn = () => {
    const w = new Worker(url, { workerData });
    w.unref();
    return w;
  };

  function run(job: WasmJob, call: ExecutorCall): Promise<WasmJobResult> {
    const worker = idle.pop() ?? spawn();
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: WasmJobResult, reusable: boolean) => {
        if (done) return;
        done = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        call.signal.removeEventListener('abort', onAbort);
        if (reusable && idle.length < maxIdle) idle.push(worker);
        else void worker.terminate();
        resolve(r);
      };
      const onMessage = (r: WasmJobResult) => finish(r, true);
      const onError = (e: unknown) =>
        finish({ ok: false, kind: 'internal', message: `wasm worker failed: ${e instanceof Error ? e.message : String(e)}`, stdout: EMPTY, stderr: EMPTY }, false);
      const onExit = (code: number) => finish({ ok: false, kind: 'internal', message: `wasm worker exited with code ${code}`, stdout: EMPTY, stderr: EMPTY }, false);
      const onAbort = () => {
        const t0 = process.hrtime.bigint();
        done = true;
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        void worker.terminate().then(() => {
          latencies.push(Number(process.hrtime.bigint() - t0));
          if (latencies.length > 1000) latencies.shift();
          resolve({ ok: false, kind: 'timeout', message: 'the call was stopped (worker terminated)', stdout: EMPTY, stderr: EMPTY });
        });
      };
      if (call.signal.aborted) return onAbort();
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      call.signal.addEventListener('abort', onAbort, { once: true });
      worker.postMessage(job);
    });
  }

  return {
    run,
    cancelLatenciesNs: latencies,
    async close() {
      await Promise.all(idle.splice(0).map((w) => w.terminate()));
    },
  };
}

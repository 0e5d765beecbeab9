/**
 * Node only (`@shimkit/executors/python`): the `python` executor — Teaclave's Python functions
 * (MesaPy's `entrypoint(argv)` and `teaclave_open`, see `driver.ts`) on Pyodide, the CPython
 * interpreter compiled to WebAssembly, from the npm `pyodide` package (which ships the interpreter
 * and the standard library: nothing is downloaded at run time).
 *
 * Isolation: every call runs in a worker thread of its own that loaded a fresh interpreter and is
 * terminated after the call (`worker-entry.ts` seals it first: no network, no host globals, no
 * host file system, randomness and time from our sources). A pool keeps `ready` interpreters
 * loaded ahead of time for each memory cap in use, so a warm call does not pay Pyodide's start.
 * The compiled engine is V8's in-process wasm cache: later workers reuse the compiled
 * `pyodide.asm.wasm` of the first.
 *
 * Limits: the memory cap is the interpreter heap's maximum (Python raises `MemoryError`: kind
 * 'memory'); at the deadline (or on the caller's signal) the pool writes SIGINT into Pyodide's
 * interrupt buffer (Python raises `KeyboardInterrupt` at its next check) and terminates the worker
 * if it has not answered within `graceMs` (a loop inside a C builtin never checks).
 *
 * MesaPy-only modules (`_numpypy`) are out of scope.
 */

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Executor, ExecutorCall, ExecutorReturn } from '../executor.js';
import { FunctionFault } from '../result.js';
import { flattenArguments } from '../wasm/teaclave-abi.js';
import type { PythonBoot, PythonJob, PythonJobResult, PythonReady, PythonWorkerData } from './protocol.js';
import { defaultPythonCache, InterpreterSnapshots, type PythonStartStatus, type SnapshotStore } from './snapshots.js';
import { checkOptionKeys } from '../options.js';

export { defaultPythonCache, pythonCacheEngine, type CodeCacheOrigin, type PythonStartStatus, type SnapshotOrigin, type SnapshotStore } from './snapshots.js';

/** Options of the python executor. */
export interface PythonExecutorOptions {
  /** URL of a module exporting `clock` and / or `random` for the interpreters (tests; default: the OS shim and entropy). */
  readonly sources?: string | URL;
  /** Interpreters kept loaded ahead, per memory cap in use (default 1). */
  readonly ready?: number;
  /** Milliseconds between the interrupt and the worker's termination (default 500). */
  readonly graceMs?: number;
  /**
   * Start interpreters from a snapshot of a pre-initialised one (default true). The first
   * interpreter of a process with none stored loads cold and makes it; the others restore it.
   * False: every interpreter loads cold and nothing is stored.
   */
  readonly snapshot?: boolean;
  /**
   * Where snapshots (and V8's code cache of Pyodide's glue) persist across processes, so a new
   * process starts its first interpreter from them: a `DiskCache` from `@shimkit/executors/cache`
   * or any {@link SnapshotStore}. Default: `defaultPythonCache()`, a `DiskCache` at
   * `defaultCacheDir()` (`$SHIMKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/shimkit/executors`, else
   * `~/.cache/shimkit/executors`). False: kept for this process only.
   */
  readonly cache?: SnapshotStore | false;
}

/** The python executor, with its pool. */
export interface PythonExecutor extends Executor {
  /** Starts `ready` interpreters for `memoryBytes` now (so the first call is warm). Resolves with the first one's load report. */
  warmUp(memoryBytes?: number): Promise<PythonReady>;
  /** How interpreters start: snapshot and code cache origin, counts, load times, the store's counters. */
  status(): PythonStartStatus;
  /** Terminates every interpreter and waits for pending snapshot writes to the store. */
  close(): Promise<void>;
}

interface Interp {
  readonly worker: Worker;
  readonly interrupt: Uint8Array;
  readonly loaded: Promise<PythonReady>;
  /** Resolves with what the worker was told to start from. */
  readonly boot: Promise<PythonBoot>;
}

function entryUrl(): URL {
  const beside = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  // Running from the TypeScript sources (the package's own tests): use the built entry.
  return new URL('../../dist/python/worker-entry.js', import.meta.url);
}

const EMPTY = new Uint8Array(0);

/**
 * The `python` executor.
 * @example
 * const python = pythonExecutor();
 * const registry = createRegistry({ executors: [python] });
 * const fn = defineFunction({ name: 'echo', executorType: 'python', payload: bytes('def entrypoint(argv):\n    return argv[1]\n'), arguments: [{ key: 'message' }] });
 * await registry.run({ function: fn, arguments: { message: 'hi' } }, { deadlineMs: 5000, memoryBytes: 256 << 20 });
 */
export function pythonExecutor(options: PythonExecutorOptions = {}): PythonExecutor {
  checkOptionKeys('pythonExecutor options', options, ['sources', 'ready', 'graceMs', 'snapshot', 'cache']);
  const url = entryUrl();
  const readyCount = options.ready ?? 1;
  const graceMs = options.graceMs ?? 500;
  const pools = new Map<number, Interp[]>();
  const live = new Set<Worker>();
  const snapshots = new InterpreterSnapshots({
    enabled: options.snapshot ?? true,
    ...(options.cache === false || options.snapshot === false ? {} : { store: options.cache ?? defaultPythonCache() }),
    ...(options.sources === undefined ? {} : { sources: String(options.sources) }),
  });

  function spawn(memoryBytes: number): Interp {
    const interruptBuffer = new SharedArrayBuffer(1);
    const workerData: PythonWorkerData = { memoryBytes, interrupt: interruptBuffer, ...(options.sources === undefined ? {} : { sources: String(options.sources) }) };
    const worker = new Worker(url, { workerData, env: {}, stdout: true, stderr: true });
    worker.unref();
    live.add(worker);
    worker.once('exit', () => live.delete(worker));
    // The worker boots (imports Pyodide) while the store is read; then it is told what to start from.
    const boot = snapshots.boot();
    boot.then((b) => worker.postMessage(b), () => {});
    const loaded = new Promise<PythonReady>((resolve, reject) => {
      const onMessage = (m: PythonReady) => {
        worker.off('error', onError);
        worker.off('exit', onExit);
        void boot.then((b) => snapshots.ready(b, m));
        resolve(m);
      };
      const onError = (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)));
      const onExit = (code: number) => reject(new Error(`the python worker exited with code ${code} while loading`));
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
    loaded.catch(() => void boot.then((b) => snapshots.settle(b), () => {}));
    return { worker, interrupt: new Uint8Array(interruptBuffer), loaded, boot };
  }

  function take(memoryBytes: number): Interp {
    const pool = pools.get(memoryBytes) ?? [];
    pools.set(memoryBytes, pool);
    return pool.shift() ?? spawn(memoryBytes);
  }

  /** Loads the next interpreters once a call is over (not during it: they would compete for the CPU). */
  function refill(memoryBytes: number): void {
    const pool = pools.get(memoryBytes);
    if (pool === undefined) return;
    while (pool.length < readyCount) pool.push(spawn(memoryBytes));
  }

  /** Waits for `interp` to load; a failed restore from the snapshot drops it and loads a cold interpreter instead. */
  async function loadedInterp(first: Interp, call: ExecutorCall): Promise<Interp> {
    let interp = first;
    for (let attempt = 0; ; attempt++) {
      try {
        await abortable(interp.loaded, call.signal);
        return interp;
      } catch (e) {
        void interp.worker.terminate();
        if (call.signal.aborted) throw new FunctionFault('timeout', 'the call was stopped while its interpreter was loading');
        const message = e instanceof Error ? e.message : String(e);
        if (/ERR_MEMORY_CAP|Cannot enlarge memory|out of memory/iu.test(message)) throw new FunctionFault('memory', `the interpreter does not fit in the memory cap: ${message}`, { code: 'ERR_MEMORY_CAP' });
        const restoring = snapshots.failed(await interp.boot, message);
        if (!restoring || attempt > 0) throw new FunctionFault('internal', `the python interpreter failed to load: ${message}`);
        interp = spawn(call.limits.memoryBytes);
      }
    }
  }

  async function execute(call: ExecutorCall): Promise<ExecutorReturn> {
    let interp = take(call.limits.memoryBytes);
    try {
      interp = await loadedInterp(interp, call);
      const { worker } = interp;
      const job: PythonJob = {
        payload: call.function.payload,
        argv: flattenArguments(call.arguments),
        inputs: Object.fromEntries(call.runtime.inputNames().map((n) => [n, call.runtime.inputBytes(n)!])),
        outputs: call.runtime.outputNames(),
        streamBytes: call.limits.streamBytes,
      };
      const result = await new Promise<PythonJobResult>((resolve) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const finish = (r: PythonJobResult) => {
          if (timer !== undefined) clearTimeout(timer);
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          call.signal.removeEventListener('abort', onAbort);
          resolve(r);
        };
        const onMessage = (r: PythonJobResult) => finish(r);
        const onError = (e: unknown) => finish({ ok: false, ...workerFault(e), stdout: EMPTY, stderr: EMPTY });
        const onExit = (code: number) => finish({ ok: false, kind: 'internal', message: `the python worker exited with code ${code}`, stdout: EMPTY, stderr: EMPTY });
        const onAbort = () => {
          Atomics.store(interp.interrupt, 0, 2); // SIGINT: KeyboardInterrupt at the next check.
          timer = setTimeout(() => {
            void worker.terminate();
            finish({ ok: false, kind: 'timeout', message: 'the call was stopped (interpreter did not yield to the interrupt; worker terminated)', stdout: EMPTY, stderr: EMPTY });
          }, graceMs);
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        call.signal.addEventListener('abort', onAbort, { once: true });
        worker.postMessage(job);
      });
      if (!result.ok) throw new FunctionFault(result.kind, result.message, { stdout: result.stdout, stderr: result.stderr, ...(result.kind === 'memory' ? { code: 'ERR_MEMORY_CAP' } : {}) });
      for (const [name, bytes] of Object.entries(result.outputs)) call.runtime.putOutput(name, bytes);
      return { value: result.value, stdout: result.stdout, stderr: result.stderr };
    } finally {
      // One call per interpreter: nothing can pass to the next task.
      void interp.worker.terminate();
      snapshots.startWrites();
      refill(call.limits.memoryBytes);
    }
  }

  return {
    name: 'python',
    aliases: ['mesapy'],
    execute,
    async warmUp(memoryBytes = 256 * 2 ** 20) {
      const pool = pools.get(memoryBytes) ?? [];
      pools.set(memoryBytes, pool);
      while (pool.length < readyCount) pool.push(spawn(memoryBytes));
      return pool[0]!.loaded;
    },
    status: () => snapshots.status(),
    async close() {
      pools.clear();
      await Promise.all([...live].map((w) => w.terminate()));
      await snapshots.flushed();
    },
  };
}

function workerFault(e: unknown): { kind: 'memory' | 'trap' | 'internal'; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (/out of memory|Cannot enlarge memory|OOM/iu.test(message)) return { kind: 'memory', message: `the interpreter ran out of memory under its cap: ${message}` };
  if (e instanceof WebAssembly.RuntimeError || /RuntimeError/u.test(message)) return { kind: 'trap', message: `interpreter trap: ${message}` };
  return { kind: 'internal', message: `the python worker failed: ${message}` };
}

function abortable<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

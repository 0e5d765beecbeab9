/**
 * The `wasm` executor (alias `wamr`, Teaclave's executor type for WebAssembly): runs a function's
 * payload as a WebAssembly module on our WASI preview-1 host, with Teaclave's WAMR ABI too.
 *
 * Before a call: the module's memory maximum is rewritten to the call's cap (`module-limits.ts`);
 * shared, memory64 and multi-memory modules are refused (kind 'invalid', message naming
 * `ERR_UNSUPPORTED_MODULE`); a module whose initial memory is above the cap is kind 'memory'.
 * Capped and compiled modules are kept in a `ModuleCache` (`../cache/module-cache.ts`) keyed by
 * SHA-256(payload) + engine id + the cap: a second call with the same bytes and cap neither
 * rewrites nor compiles.
 *
 * Where it runs: `wasmExecutor()` alone runs calls in the caller's thread (every backend; the
 * deadline is checked when the call returns and while the guest sleeps in `poll_oneoff`, but pure
 * computation cannot be interrupted). `defaultExecutors()` on Node runs them on the worker pool
 * (`../pool/wasm-pool.ts`): the worker running a call is terminated at its deadline and replaced.
 */

import { ExecutorError } from '../errors.js';
import type { Executor, ExecutorCall } from '../executor.js';
import { FunctionFault } from '../result.js';
import { type CachedModule, ModuleCache, sharedModuleCache } from '../cache/module-cache.js';
import { capModuleMemory, MemoryCapError } from './module-limits.js';
import { jobFault, runWasmJob, type WasmJob, type WasmJobResult } from './job.js';
import { checkOptionKeys } from '../options.js';

/** Runs prepared jobs somewhere (this thread, a worker pool…). */
export interface WasmRunner {
  run(job: WasmJob, call: ExecutorCall): WasmJobResult | Promise<WasmJobResult>;
  /** What the runner reports in `registry.status()` (workers, queue…), when it has anything to say. */
  status?(): Readonly<Record<string, unknown>>;
}

/** Runs jobs in the caller's thread, with the call's clock and random source. */
export const inThreadRunner: WasmRunner = {
  run: (job, call) => runWasmJob(job, { clock: call.clock, random: call.random }),
};

/** Options of the wasm executor. */
export interface WasmExecutorOptions {
  /** Where calls run (default: this thread; `defaultExecutors()` on Node: the worker pool). */
  readonly runner?: WasmRunner;
  /** The compiled-module cache (default: `sharedModuleCache()`, shared with the js executor). */
  readonly moduleCache?: ModuleCache;
  /** Compiled modules kept in a cache of this executor's own (ignored when `moduleCache` is given). */
  readonly cacheSize?: number;
}

/**
 * The cache key's variant for a memory cap.
 * @example capVariant(65536) // 'cap=65536'
 */
export const capVariant = (memoryBytes: number): string => `cap=${memoryBytes}`;

/**
 * Caps the payload's memory to `memoryBytes` and compiles it, turning each refusal into its typed fault.
 * @throws FunctionFault kind 'memory' (`ERR_MEMORY_CAP`), kind 'invalid' (`ERR_UNSUPPORTED_MODULE`, `ERR_INVALID_MODULE`).
 * @example const { module } = await compileCapped(bytes, 64 << 20);
 */
export async function compileCapped(payload: Uint8Array, memoryBytes: number): Promise<CachedModule> {
  let capped;
  try {
    capped = capModuleMemory(payload, memoryBytes);
  } catch (e) {
    if (e instanceof MemoryCapError) throw new FunctionFault('memory', e.message, { code: e.code });
    if (e instanceof ExecutorError) throw new FunctionFault('invalid', `${e.code}: ${e.message}`, { code: e.code });
    throw e;
  }
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(capped.bytes as BufferSource);
  } catch (e) {
    throw new FunctionFault('invalid', `ERR_INVALID_MODULE: malformed module: ${e instanceof Error ? e.message : String(e)}`, {
      code: 'ERR_INVALID_MODULE',
    });
  }
  return { module, importedMemory: capped.imported ? { initial: capped.initialPages!, maximum: capped.maxPages! } : undefined };
}

/**
 * The `wasm` executor.
 * @throws ExecutorError `ERR_INVALID_OPTIONS` for a `cacheSize` that is not a non-negative integer.
 * @example const registry = createRegistry({ executors: [builtinExecutor(), wasmExecutor()] });
 */
export function wasmExecutor(options: WasmExecutorOptions = {}): Executor {
  checkOptionKeys('wasmExecutor options', options, ['runner', 'moduleCache', 'cacheSize']);
  const runner = options.runner ?? inThreadRunner;
  const cache = options.moduleCache ?? (options.cacheSize === undefined ? sharedModuleCache() : new ModuleCache({ maxEntries: options.cacheSize }));

  return {
    name: 'wasm',
    aliases: ['wamr'],
    async execute(call) {
      const payload = call.function.payload;
      const memoryBytes = call.limits.memoryBytes;
      const p = await cache.get(payload, capVariant(memoryBytes), () => compileCapped(payload, memoryBytes));
      const job: WasmJob = {
        module: p.module,
        importedMemory: p.importedMemory,
        name: call.function.name,
        arguments: call.arguments,
        inputs: new Map(call.runtime.inputNames().map((n) => [n, call.runtime.inputBytes(n)!])),
        outputs: call.runtime.outputNames(),
        stdin: call.stdin,
        env: call.env,
        streamBytes: call.limits.streamBytes,
        maxOutputBytes: call.limits.outputBytes,
        // The guest's file system may hold as much scratch data as its memory cap allows.
        scratchBytes: call.limits.memoryBytes,
        deadlineNs: call.limits.deadlineNs,
      };
      const r = await runner.run(job, call);
      if (!r.ok) throw jobFault(r);
      for (const [name, bytes] of r.outputs) call.runtime.putOutput(name, bytes);
      return { value: r.value, stdout: r.stdout, stderr: r.stderr, usage: r.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.peakMemoryBytes } };
    },
    status() {
      return { moduleCache: cache.stats(), ...(runner.status === undefined ? { runner: 'in-thread' } : { runner: runner.status() }) };
    },
  };
}

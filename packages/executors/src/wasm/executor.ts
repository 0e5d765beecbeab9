/**
 * The `wasm` executor (alias `wamr`, Teaclave's executor type for WebAssembly): runs a function's
 * payload as a WebAssembly module on our WASI preview-1 host, with Teaclave's WAMR ABI too.
 *
 * Before a call: the module's memory maximum is rewritten to the call's cap (`module-limits.ts`);
 * shared, memory64 and multi-memory modules are refused (kind 'invalid', message naming
 * `ERR_UNSUPPORTED_MODULE`); a module whose initial memory is above the cap is kind 'memory'.
 * Capped and compiled modules are cached per payload and cap (an LRU of `cacheSize` entries).
 *
 * Where it runs: by default in the caller's thread (every backend; the deadline is checked when the
 * call returns and while the guest sleeps in `poll_oneoff`, but pure computation cannot be
 * interrupted). On Node, pass `runner: workerRunner()` from `@shimkit/executors/worker`: each call
 * runs in a worker thread that is terminated at the deadline.
 */

import { ExecutorError } from '../errors.js';
import type { Executor, ExecutorCall } from '../executor.js';
import { FunctionFault } from '../result.js';
import { capModuleMemory, MemoryCapError } from './module-limits.js';
import { runWasmJob, type WasmJob, type WasmJobResult } from './job.js';

/** Runs prepared jobs somewhere (this thread, a worker…). */
export interface WasmRunner {
  run(job: WasmJob, call: ExecutorCall): WasmJobResult | Promise<WasmJobResult>;
}

/** Runs jobs in the caller's thread, with the call's clock and random source. */
export const inThreadRunner: WasmRunner = {
  run: (job, call) => runWasmJob(job, { clock: call.clock, random: call.random }),
};

/** Options of the wasm executor. */
export interface WasmExecutorOptions {
  /** Where calls run (default: this thread). */
  readonly runner?: WasmRunner;
  /** Prepared modules kept (default 32). */
  readonly cacheSize?: number;
}

interface Prepared {
  readonly module: WebAssembly.Module;
  readonly importedMemory: { initial: number; maximum: number } | undefined;
}

/**
 * The `wasm` executor.
 * @example const registry = createRegistry({ executors: [builtinExecutor(), wasmExecutor()] });
 */
export function wasmExecutor(options: WasmExecutorOptions = {}): Executor {
  const runner = options.runner ?? inThreadRunner;
  const cacheSize = options.cacheSize ?? 32;
  const cache = new Map<Uint8Array, Map<number, Prepared>>();
  let entries = 0;

  function prepare(payload: Uint8Array, memoryBytes: number): Prepared {
    const hit = cache.get(payload)?.get(memoryBytes);
    if (hit !== undefined) {
      // LRU: move to the back.
      cache.delete(payload);
      cache.set(payload, new Map([[memoryBytes, hit]]));
      return hit;
    }
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
      module = new WebAssembly.Module(capped.bytes as BufferSource);
    } catch (e) {
      throw new FunctionFault('invalid', `ERR_INVALID_MODULE: malformed module: ${e instanceof Error ? e.message : String(e)}`, {
        code: 'ERR_INVALID_MODULE',
      });
    }
    const p: Prepared = {
      module,
      importedMemory: capped.imported ? { initial: capped.initialPages!, maximum: capped.maxPages! } : undefined,
    };
    if (entries >= cacheSize) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) {
        entries -= cache.get(oldest)!.size;
        cache.delete(oldest);
      }
    }
    const byCap = cache.get(payload) ?? new Map<number, Prepared>();
    byCap.set(memoryBytes, p);
    cache.set(payload, byCap);
    entries++;
    return p;
  }

  return {
    name: 'wasm',
    aliases: ['wamr'],
    async execute(call) {
      const p = prepare(call.function.payload, call.limits.memoryBytes);
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
      if (!r.ok) throw new FunctionFault(r.kind, r.message, { ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }), stdout: r.stdout, stderr: r.stderr });
      for (const [name, bytes] of r.outputs) call.runtime.putOutput(name, bytes);
      return { value: r.value, stdout: r.stdout, stderr: r.stderr, usage: r.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.peakMemoryBytes } };
    },
  };
}

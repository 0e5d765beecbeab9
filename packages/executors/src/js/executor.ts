/**
 * The `js` executor: runs a function's payload (JavaScript source, UTF-8) in QuickJS-NG compiled
 * to WebAssembly (`quickjs-wasi`), on our own WASI preview-1 host (`../wasi/host.ts`), so the
 * engine's clock reads (`Date.now`, `performance.now`) and its random reads are the call's clock
 * and random source, exactly as for the wasm executor.
 *
 * Why QuickJS-NG on WASI rather than `quickjs-emscripten` (0.32): the cap must hold. In
 * quickjs-emscripten the runtime's `setMemoryLimit` bounds single allocations, not the total of
 * large strings and typed arrays (justjake/quickjs-emscripten#271), and the prebuilt variants grow
 * their wasm memory without bound (#255: the reporter's workaround is a custom build with a fixed
 * imported memory); disposing a runtime after an out-of-memory aborts in 0.32.0; its interrupt
 * handler is not reached from long builtins or host-driven promise jobs. QuickJS-NG's own
 * `JS_SetMemoryLimit` had the same accounting hole on WASI (quickjs-ng/quickjs#1711,
 * vercel-labs/quickjs-wasi#30), so we do not rely on it: the hard cap is the memory section. Here the engine is a plain reactor module whose memory
 * section we rewrite (`module-limits.ts`): every allocation, whatever its kind, lives in one linear
 * memory that cannot grow past the cap; after a fault the instance is dropped, never disposed; and
 * the interrupt handler is polled by the bytecode interpreter, by regular-expression matching and
 * by every promise job we drain.
 *
 * Per call: a fresh instance of the cached compiled module (no state survives a call), a bootstrap
 * (`bootstrap.ts`) that installs `Math.random`, `crypto.getRandomValues`, `crypto.randomUUID` on
 * the random source and a `console` on the captured streams, then the script, then `entrypoint`.
 * Nothing else of the host is reachable: the engine has no `process`, `require`, `fetch` or file
 * system, and `import` of any module fails (the loader knows none).
 *
 * Limits: memory cap = the engine's linear-memory maximum (and QuickJS's own malloc limit);
 * deadline = QuickJS's interrupt handler, which checks the caller's signal, the call's clock and
 * the OS monotonic clock (so a frozen test clock cannot stretch a deadline). A deadline in the
 * caller's thread covers everything QuickJS interprets; a single host-side builtin call cannot
 * be interrupted, but each is bounded by the memory cap.
 */

import { EvalFlags, JSException, type JSValueHandle, QuickJS } from 'quickjs-wasi';
import type { Executor, ExecutorCall, ExecutorReturn } from '../executor.js';
import { FunctionFault } from '../result.js';
import type { OutputStream } from '../runtime.js';
import { entropyRandom, osClock } from '../sources.js';
import { WasiHost } from '../wasi/host.js';
import { jobFault } from '../wasm/job.js';
import { flattenArguments } from '../wasm/teaclave-abi.js';
import { BOOTSTRAP } from './bootstrap.js';
import { EngineCache, type EngineSource, readInstalledQuickjsWasm } from './engine.js';
import type { ModuleCache } from '../cache/module-cache.js';
import type { JsJob, JsJobResult } from './job.js';
import { checkOptionKeys } from '../options.js';
import { concatBytes } from '../bytes.js';

/** Options of the js executor. */
export interface JsExecutorOptions {
  /** The `quickjs-wasi` engine bytes (default: read from the installed package, Node). */
  readonly engine?: EngineSource;
  /** The compiled-module cache (default: `sharedModuleCache()`, shared with the wasm executor). */
  readonly moduleCache?: ModuleCache;
  /** Compiled engines kept in a cache of this executor's own, one per memory cap (ignored when `moduleCache` is given). */
  readonly cacheSize?: number;
  /** QuickJS's native stack limit in bytes (default 256 KiB). */
  readonly maxStackBytes?: number;
  /**
   * Where calls run (default: this thread; `defaultExecutors()` on Node: the worker pool). Calls
   * with a clock or random source other than `osClock` / `entropyRandom` always run in this thread.
   */
  readonly runner?: JsRunner;
}

/** Runs js jobs somewhere else (the worker pool: `wasmPool().runJs`). */
export interface JsRunner {
  runJs(job: JsJob, call: ExecutorCall): Promise<JsJobResult>;
  status?(): Readonly<Record<string, unknown>>;
}

/** A script with an `export` declaration is evaluated as an ES module; any other as a global script. */
const MODULE_SYNTAX = /(^|[\s;})])export\s*(\{|\*|default\b|function\b|async\b|const\b|let\b|var\b|class\b)/u;

/** Bytes of random data one `hostRandom` call may return. */
const MAX_RANDOM_REQUEST = 65536;

const decoder = new TextDecoder('utf-8', { fatal: true });
const encoder = new TextEncoder();

class Capture {
  readonly #chunks: Uint8Array[] = [];
  #size = 0;
  constructor(
    readonly name: string,
    readonly cap: number,
  ) {}
  write(b: Uint8Array): void {
    if (this.#size + b.length > this.cap) throw new FunctionFault('limit', `${this.name} would exceed its cap of ${this.cap} bytes`);
    this.#chunks.push(b);
    this.#size += b.length;
  }
  bytes(): Uint8Array {
    return concatBytes(this.#chunks);
  }
}

/** Turns an exception out of the engine into a typed fault. */
function classify(e: unknown, stopped: 'timeout' | 'cancelled' | undefined, deadlineMs: number | undefined): FunctionFault {
  if (e instanceof FunctionFault) return e;
  if (e instanceof JSException) {
    const name = e.name;
    const message = e.message;
    if (stopped !== undefined && /interrupted/u.test(message)) {
      return stopFault(stopped, deadlineMs);
    }
    if (/^(InternalError|RangeError)$/u.test(name) && /string too long/u.test(message)) return new FunctionFault('memory', `the script built a string longer than the engine allows (2^30 - 1 characters): ${name}: ${message}`);
    if (name === 'InternalError' && /out of memory/u.test(message)) return new FunctionFault('memory', `the script ran out of memory under its cap: ${message}`, { code: 'ERR_MEMORY_CAP' });
    if (/stack overflow|call stack size exceeded/iu.test(message)) return new FunctionFault('trap', `stack overflow: ${name}: ${message}`);
    return new FunctionFault('error', `${name}: ${message}`);
  }
  if (e instanceof WebAssembly.RuntimeError) return new FunctionFault('trap', `engine trap: ${e.message}`);
  if (e instanceof RangeError && /call stack/iu.test(e.message)) return new FunctionFault('trap', 'stack overflow (host call stack exhausted)');
  return new FunctionFault('internal', e instanceof Error ? e.message : String(e));
}

/**
 * The `js` executor.
 * @example
 * const registry = createRegistry({ executors: [jsExecutor()] });
 * const fn = defineFunction({ name: 'hello', executorType: 'js', payload: bytes('export const entrypoint = (a) => `hi ${a.name}`'), arguments: [{ key: 'name' }] });
 * await registry.run({ function: fn, arguments: { name: 'ada' } }, { deadlineMs: 1000, memoryBytes: 32 << 20 });
 */
export function jsExecutor(options: JsExecutorOptions = {}): Executor {
  checkOptionKeys('jsExecutor options', options, ['engine', 'moduleCache', 'cacheSize', 'maxStackBytes', 'runner']);
  const engines = new EngineCache(options.engine ?? readInstalledQuickjsWasm, options.moduleCache ?? options.cacheSize);
  const maxStack = options.maxStackBytes ?? 256 * 1024;
  const runner = options.runner;

  async function execute(call: ExecutorCall): Promise<ExecutorReturn> {
    let source: string;
    try {
      source = decoder.decode(call.function.payload);
    } catch {
      throw new FunctionFault('invalid', 'the payload is not UTF-8 JavaScript source', { code: 'ERR_INVALID_FUNCTION' });
    }
    const module = await engines.module(call.limits.memoryBytes);
    // A worker cannot use the caller's clock and random objects: calls that inject their own run here.
    if (runner === undefined || call.clock !== osClock || call.random !== entropyRandom) return runJsCall(module, source, call, maxStack);
    const r = await runner.runJs(
      {
        kind: 'js',
        module,
        source,
        maxStackBytes: maxStack,
        arguments: call.arguments,
        inputs: new Map(call.runtime.inputNames().map((n) => [n, call.runtime.inputBytes(n)!])),
        outputs: call.runtime.outputNames(),
        limits: { memoryBytes: call.limits.memoryBytes, streamBytes: call.limits.streamBytes, outputBytes: call.limits.outputBytes, deadlineMs: call.limits.deadlineMs },
      },
      call,
    );
    if (!r.ok) throw jobFault(r);
    for (const [name, bytes] of Object.entries(r.outputs)) call.runtime.putOutput(name, bytes);
    return { value: r.value, stdout: r.stdout, stderr: r.stderr, usage: r.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.peakMemoryBytes } };
  }

  return {
    name: 'js',
    aliases: ['javascript', 'quickjs'],
    execute,
    status: () => ({ moduleCache: engines.cache.stats(), runner: runner?.status?.() ?? 'in-thread' }),
  };
}

/** What `runJsCall` uses of a call (a worker builds this from a `JsJob`). */
export type JsCallContext = Pick<ExecutorCall, 'arguments' | 'runtime' | 'signal' | 'limits' | 'clock' | 'random'>;

/**
 * Runs one script on a fresh instance of the compiled engine, in this thread.
 * @throws FunctionFault for every way the call can fail (kind and code as documented above).
 * @example const r = await runJsCall(engineModule, 'export const entrypoint = () => "hi"', call, 256 * 1024);
 */
export async function runJsCall(module: WebAssembly.Module, source: string, call: JsCallContext, maxStack: number): Promise<ExecutorReturn> {
  const stdout = new Capture('stdout', call.limits.streamBytes);
  const stderr = new Capture('stderr', call.limits.streamBytes);

  // Deadline: the call's clock, the OS monotonic clock (a frozen test clock cannot stretch it), the signal.
  const osDeadline = call.limits.deadlineMs === undefined ? undefined : osClock.monotonicNs() + BigInt(Math.ceil(call.limits.deadlineMs * 1e6));
  let stopped: 'timeout' | 'cancelled' | undefined;
  const interrupt = (): boolean => {
    if (stopped !== undefined) return true;
    if (call.signal.aborted) stopped = (call.limits.deadlineNs !== undefined && call.clock.monotonicNs() > call.limits.deadlineNs) || (osDeadline !== undefined && osClock.monotonicNs() > osDeadline) ? 'timeout' : 'cancelled';
    else if (call.limits.deadlineNs !== undefined && call.clock.monotonicNs() > call.limits.deadlineNs) stopped = 'timeout';
    else if (osDeadline !== undefined && osClock.monotonicNs() > osDeadline) stopped = 'timeout';
    return stopped !== undefined;
  };

  const wasi = new WasiHost({ clock: call.clock, random: call.random, streamBytes: call.limits.streamBytes });
  let engineMemory: { buffer: ArrayBufferLike } | undefined;
  let vm: QuickJS;
  try {
    vm = await QuickJS.create({
      wasm: module,
      memoryLimit: call.limits.memoryBytes,
      maxStackSize: maxStack,
      interruptHandler: interrupt,
      timezoneOffset: 0,
      wasi: (memory) => {
        wasi.bind(memory);
        engineMemory = memory;
        return wasi.imports.wasi_snapshot_preview1;
      },
    });
  } catch (e) {
    throw classify(e, stopped, call.limits.deadlineMs);
  }
  // From here on the instance is dropped, never disposed, whatever happens (a runtime that ran
  // out of memory must not be torn down from inside).

  let pending: FunctionFault | undefined; // a host-side fault raised while the guest ran
  const outputs = new Map<string, OutputStream>();
  let done: { ok: boolean; value: string } | undefined;

  const hostRandom = vm.newFunction('hostRandom', (n: JSValueHandle) => {
    const len = n.toNumber();
    if (!Number.isInteger(len) || len < 0 || len > MAX_RANDOM_REQUEST) throw new RangeError(`random request of ${len} bytes`);
    return vm.newArrayBuffer(call.random.fill(new Uint8Array(len)));
  });
  const hostInput = vm.newFunction('hostInput', (name: JSValueHandle, asText: JSValueHandle) => {
    const n = name.toString();
    const bytes = call.runtime.inputBytes(n);
    if (bytes === undefined) throw new Error(`no input named "${n}" is bound to this task`);
    return asText.toBoolean() ? vm.newString(new TextDecoder().decode(bytes)) : vm.newArrayBuffer(bytes);
  });
  const hostWrite = vm.newFunction('hostWrite', (name: JSValueHandle, data: JSValueHandle) => {
    const n = name.toString();
    try {
      let out = outputs.get(n);
      if (out === undefined) {
        out = call.runtime.createOutput(n);
        outputs.set(n, out);
      }
      out.write(data.typeof === 'string' ? encoder.encode(data.toString()) : data.toUint8Array());
    } catch (e) {
      if (e instanceof FunctionFault && e.kind === 'limit') pending ??= e;
      throw new Error(e instanceof Error ? e.message : String(e));
    }
    return vm.getUndefined();
  });
  const hostPrint = vm.newFunction('hostPrint', (fd: JSValueHandle, text: JSValueHandle) => {
    try {
      (fd.toNumber() === 2 ? stderr : stdout).write(encoder.encode(text.toString()));
    } catch (e) {
      if (e instanceof FunctionFault) pending ??= e;
      throw new Error(e instanceof Error ? e.message : String(e));
    }
    return vm.getUndefined();
  });
  const hostDone = vm.newFunction('hostDone', (ok: JSValueHandle, value: JSValueHandle) => {
    done ??= { ok: ok.toBoolean(), value: value.toString() };
    return vm.getUndefined();
  });

  try {
    const factory = vm.evalCode(BOOTSTRAP, 'shimkit:bootstrap');
    const run = vm.callFunction(factory, vm.getUndefined(), hostRandom, hostInput, hostWrite, hostPrint, hostDone);
    const isModule = MODULE_SYNTAX.test(source);
    const namespace = vm.evalCode(source, 'function.js', isModule ? EvalFlags.TYPE_MODULE : EvalFlags.TYPE_GLOBAL);
    const argv = flattenArguments(call.arguments);
    vm.callFunction(
      run,
      vm.getUndefined(),
      isModule ? namespace : vm.getNull(),
      vm.hostToHandle(call.arguments),
      vm.hostToHandle(argv),
      vm.hostToHandle(call.runtime.inputNames()),
      vm.hostToHandle(call.runtime.outputNames()),
    );
    // Drain promise jobs until the entrypoint settles; the interrupt handler runs inside each job.
    while (done === undefined) {
      if (pending !== undefined) throw pending;
      if (interrupt()) throw stopFault(stopped!, call.limits.deadlineMs);
      if (vm.executePendingJobs() === 0 && done === undefined) {
        throw new FunctionFault('error', 'the entrypoint returned a promise that can never settle (nothing left to run)');
      }
    }
  } catch (e) {
    throw withStreams(classify(pending ?? e, stopped, call.limits.deadlineMs), stdout, stderr);
  }
  if (pending !== undefined) throw withStreams(pending, stdout, stderr);
  if (!done.ok) {
    const f = /^(InternalError|RangeError): string too long/u.test(done.value)
      ? new FunctionFault('memory', `the script built a string longer than the engine allows (2^30 - 1 characters): ${done.value}`)
      : /^InternalError: out of memory/u.test(done.value)
      ? new FunctionFault('memory', `the script ran out of memory under its cap: ${done.value}`, { code: 'ERR_MEMORY_CAP' })
      : /^(RangeError|InternalError): .*(stack overflow|call stack size exceeded)/iu.test(done.value)
        ? new FunctionFault('trap', `stack overflow: ${done.value}`)
        : new FunctionFault('error', done.value);
    throw withStreams(f, stdout, stderr);
  }
  return { value: done.value, stdout: stdout.bytes(), stderr: stderr.bytes(), usage: engineMemory === undefined ? {} : { peakMemoryBytes: engineMemory.buffer.byteLength } };
}

function stopFault(kind: 'timeout' | 'cancelled', deadlineMs: number | undefined): FunctionFault {
  return new FunctionFault(
    kind,
    kind === 'timeout' ? `the call passed its deadline${deadlineMs === undefined ? '' : ` of ${deadlineMs} ms`} (script interrupted)` : 'the call was cancelled by its signal (script interrupted)',
  );
}

function withStreams(f: FunctionFault, stdout: Capture, stderr: Capture): FunctionFault {
  f.stdout ??= stdout.bytes();
  f.stderr ??= stderr.bytes();
  return f;
}

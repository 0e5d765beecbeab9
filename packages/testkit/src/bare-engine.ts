/**
 * Runs a unikernel bundle in a bare JavaScript engine: QuickJS compiled to WebAssembly
 * (`quickjs-emscripten`, release-sync variant), whose global object holds only the engine's
 * ECMAScript built-ins (minus `Date`, so time can only come through the ABI) and one
 * embedding-defined global: the backend's host ABI object, each member a thin bridge to a host
 * simulator in Node. This is what a unikernel embedding does in C; here Node plays the
 * hypervisor or tender. The backend says which members its ABI has (`defineHost`, through a
 * `BareHostBuilder`); this module owns the engine, the global check, call counting, the job loop
 * and disposal. Host calls that block (a simulator's `Atomics.wait`) block this thread for real.
 *
 * Test-side code (Node).
 */

import {
  DefaultIntrinsics,
  newQuickJSWASMModule,
  type QuickJSContext,
  type QuickJSHandle,
  shouldInterruptAfterDeadline,
} from 'quickjs-emscripten';

export interface BareRunOptions {
  /** Wall-clock bound on the whole run (interrupts the engine). Default 60 s. */
  timeoutMs?: number;
  /** Engine heap limit. Default 256 MiB. */
  memoryLimitBytes?: number;
}

export interface BareRunResult {
  /** Own property names of the guest's global object just before the bundle ran. */
  readonly globals: readonly string[];
  /** The error the engine reported, if evaluation failed or was interrupted. */
  readonly engineError: string | null;
  /** Host calls made by the guest, by ABI member. */
  readonly calls: Readonly<Record<string, number>>;
  /** Milliseconds the run took. */
  readonly elapsedMs: number;
}

/** Names no bare engine provides: the run fails if the guest's global object has any of them. */
export const FORBIDDEN_GLOBALS = [
  'process',
  'Buffer',
  'require',
  'module',
  'crypto',
  'console',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'queueMicrotask',
  'performance',
  'TextEncoder',
  'TextDecoder',
  'fetch',
  'navigator',
  'window',
  'self',
  'Date',
] as const;

/** What `defineHost` builds the guest's host object with. */
export interface BareHostBuilder {
  readonly ctx: QuickJSContext;
  /** Adds a function member `name` that counts its calls (`BareRunResult.calls`) and runs `impl`. */
  fn(name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined): void;
  /** Adds a value member `name` (the handle is disposed). */
  value(name: string, handle: QuickJSHandle): void;
  /** Runs `hook` after every host call returns (e.g. to copy a page the call changed). */
  afterEachCall(hook: () => void): void;
  /** Evaluates embedding-private helper code (a function value, never bound to a global); disposed after the run. */
  helper(code: string): QuickJSHandle;
  /** Calls a guest function with `undefined` as `this`; throws on a guest exception. */
  call(fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle;
  /** Keeps `handle` alive until the run ends, then disposes it. */
  keep(handle: QuickJSHandle): QuickJSHandle;
  /** A copy of the bytes of a guest `Uint8Array` (or other view). */
  bytesOf(view: QuickJSHandle): Uint8Array;
  /** A guest `Uint8Array` holding a copy of `bytes`. */
  u8(bytes: Uint8Array): QuickJSHandle;
  /** One RDRAND/RDSEED result for the guest: a BigInt, or `null` when the carry flag was clear. */
  draw(value: bigint | null): QuickJSHandle;
  /** A guest array of numbers (CPUID registers). */
  numbers(values: readonly number[]): QuickJSHandle;
}

export interface BareBundle {
  /** The bundle's text (an ES module with no imports). */
  readonly code: string;
  /** Its file name in engine errors. */
  readonly fileName: string;
  /** The global the backend reads its host ABI object from. */
  readonly hostGlobal: string;
  /** Adds the ABI members to the host object. */
  defineHost(builder: BareHostBuilder): void;
}

export async function runBareBundle(bundle: BareBundle, options: BareRunOptions = {}): Promise<BareRunResult> {
  const started = performance.now();
  const QuickJS = await newQuickJSWASMModule();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(options.memoryLimitBytes ?? 256 * 1024 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + (options.timeoutMs ?? 60_000)));
  const ctx = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
  const calls: Record<string, number> = {};
  const kept: QuickJSHandle[] = [];
  try {
    const names = unwrap(ctx, ctx.evalCode('Object.getOwnPropertyNames(globalThis)'));
    const globals = ctx.dump(names) as string[];
    names.dispose();
    for (const name of FORBIDDEN_GLOBALS) {
      if (globals.includes(name)) throw new Error(`the bare engine has a global "${name}"`);
    }

    const keep = (handle: QuickJSHandle): QuickJSHandle => {
      kept.push(handle);
      return handle;
    };
    // Embedding-private helpers: function values, never bound to a global.
    const helper = (code: string): QuickJSHandle => keep(unwrap(ctx, ctx.evalCode(code)));
    const call = (fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle =>
      unwrap(ctx, ctx.callFunction(fn, ctx.undefined, ...args));
    const makeU8 = helper('(ab) => new Uint8Array(ab)');
    const viewBytes = helper('(v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)');
    const afterCall: (() => void)[] = [];

    const host = ctx.newObject();
    const builder: BareHostBuilder = {
      ctx,
      fn(name, impl) {
        const f = ctx.newFunction(name, (...args) => {
          calls[name] = (calls[name] ?? 0) + 1;
          const out = impl(...args);
          for (const hook of afterCall) hook();
          return out;
        });
        ctx.setProp(host, name, f);
        f.dispose();
      },
      value(name, handle) {
        ctx.setProp(host, name, handle);
        handle.dispose();
      },
      afterEachCall: (hook) => void afterCall.push(hook),
      helper,
      call,
      keep,
      bytesOf(view) {
        const ab = call(viewBytes, view);
        const copy = ctx.getArrayBuffer(ab);
        const out = Uint8Array.from(copy.value);
        copy.dispose();
        ab.dispose();
        return out;
      },
      u8(bytes) {
        const ab = ctx.newArrayBuffer(bytes.slice().buffer);
        const view = call(makeU8, ab);
        ab.dispose();
        return view;
      },
      draw: (v) => (v === null ? ctx.null : ctx.newBigInt(v)),
      numbers(values) {
        const array = ctx.newArray();
        values.forEach((v, i) => {
          const n = ctx.newNumber(v);
          ctx.setProp(array, i, n);
          n.dispose();
        });
        return array;
      },
    };
    bundle.defineHost(builder);
    ctx.setProp(ctx.global, bundle.hostGlobal, host);
    host.dispose();

    let engineError: string | null = null;
    const result = ctx.evalCode(bundle.code, bundle.fileName, { type: 'module' });
    if (result.error) {
      engineError = String(JSON.stringify(ctx.dump(result.error)));
      result.error.dispose();
    } else {
      result.value.dispose();
      // The guest's main loop is a chain of jobs: run them until none is left.
      for (;;) {
        const jobs = runtime.executePendingJobs();
        if (jobs.error) {
          engineError = String(JSON.stringify(ctx.dump(jobs.error)));
          jobs.error.dispose();
          break;
        }
        if (jobs.value === 0) break;
      }
    }
    return { globals, engineError, calls, elapsedMs: performance.now() - started };
  } finally {
    for (const handle of kept.splice(0)) handle.dispose();
    ctx.dispose();
    runtime.dispose();
  }
}

function unwrap(ctx: QuickJSContext, r: ReturnType<QuickJSContext['evalCode']>): QuickJSHandle {
  if (r.error) {
    const e = ctx.dump(r.error);
    r.error.dispose();
    throw new Error(`bare engine: ${JSON.stringify(e)}`);
  }
  return r.value;
}

/**
 * Runs a Solo5 unikernel bundle in a bare JavaScript engine: QuickJS compiled to WebAssembly
 * (`quickjs-emscripten`, release-sync variant), whose global object holds only the engine's
 * ECMAScript built-ins (minus `Date`, so time can only come through the ABI) and one
 * embedding-defined global, `__shimkitSolo5Host`: the `Solo5Host` ABI, each member a thin bridge
 * to a `Solo5HostSimulator`. This is what a unikernel embedding does in C; here Node plays the
 * tender. `solo5_yield` blocks this thread for real (`Atomics.wait` in the simulator).
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
import type { Solo5HostSimulator } from './solo5-host-simulator.js';

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

export async function runSolo5Bundle(
  sim: Solo5HostSimulator,
  bundle: string,
  options: BareRunOptions = {},
): Promise<BareRunResult> {
  const started = performance.now();
  const QuickJS = await newQuickJSWASMModule();
  const runtime = QuickJS.newRuntime();
  runtime.setMemoryLimit(options.memoryLimitBytes ?? 256 * 1024 * 1024);
  runtime.setInterruptHandler(shouldInterruptAfterDeadline(Date.now() + (options.timeoutMs ?? 60_000)));
  const ctx = runtime.newContext({ intrinsics: { ...DefaultIntrinsics, Date: false } });
  const calls: Record<string, number> = {};
  try {
    const names = unwrap(ctx, ctx.evalCode('Object.getOwnPropertyNames(globalThis)'));
    const globals = ctx.dump(names) as string[];
    names.dispose();
    for (const name of FORBIDDEN_GLOBALS) {
      if (globals.includes(name)) throw new Error(`the bare engine has a global "${name}"`);
    }

    // Embedding-private helpers: function values, never bound to a global.
    const makeU8 = unwrap(ctx, ctx.evalCode('(ab) => new Uint8Array(ab)'));
    const viewBytes = unwrap(ctx, ctx.evalCode('(v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)'));
    const bytesOf = (h: QuickJSHandle): Uint8Array => {
      const ab = unwrap(ctx, ctx.callFunction(viewBytes, ctx.undefined, h));
      const copy = ctx.getArrayBuffer(ab);
      const out = Uint8Array.from(copy.value);
      copy.dispose();
      ab.dispose();
      return out;
    };
    const draw = (v: bigint | null): QuickJSHandle => (v === null ? ctx.null : ctx.newBigInt(v));

    const host = ctx.newObject();
    const fn = (name: string, impl: (...args: QuickJSHandle[]) => QuickJSHandle | undefined): void => {
      const f = ctx.newFunction(name, (...args) => {
        calls[name] = (calls[name] ?? 0) + 1;
        return impl(...args);
      });
      ctx.setProp(host, name, f);
      f.dispose();
    };
    const h = sim.host;
    fn('solo5_clock_monotonic', () => ctx.newBigInt(h.solo5_clock_monotonic()));
    fn('solo5_clock_wall', () => ctx.newBigInt(h.solo5_clock_wall()));
    fn('solo5_yield', (deadline) => ctx.newBigInt(h.solo5_yield(ctx.getBigInt(deadline!))));
    fn('solo5_console_write', (bytes) => void h.solo5_console_write(bytesOf(bytes!)));
    fn('solo5_exit', (status) => void h.solo5_exit(ctx.getNumber(status!)));
    fn('cpu_cycles', () => ctx.newBigInt(h.cpu_cycles()));
    if (h.rdrand) fn('rdrand', () => draw(h.rdrand!()));
    if (h.rdseed) fn('rdseed', () => draw(h.rdseed!()));
    const cmdAb = ctx.newArrayBuffer(h.cmdline.slice().buffer);
    const cmd = unwrap(ctx, ctx.callFunction(makeU8, ctx.undefined, cmdAb));
    ctx.setProp(host, 'cmdline', cmd);
    cmd.dispose();
    cmdAb.dispose();
    ctx.setProp(ctx.global, '__shimkitSolo5Host', host);
    host.dispose();

    let engineError: string | null = null;
    const result = ctx.evalCode(bundle, 'solo5.bundle.js', { type: 'module' });
    if (result.error) {
      engineError = String(JSON.stringify(ctx.dump(result.error)));
      result.error.dispose();
    } else {
      result.value.dispose();
      // The unikernel's main loop is a chain of jobs: run them until none is left.
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
    makeU8.dispose();
    viewBytes.dispose();
    return { globals, engineError, calls, elapsedMs: performance.now() - started };
  } finally {
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

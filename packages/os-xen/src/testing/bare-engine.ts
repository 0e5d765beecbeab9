/**
 * Runs a Xen guest bundle in a bare JavaScript engine: QuickJS compiled to WebAssembly
 * (`quickjs-emscripten`, release-sync variant), whose global object holds only the engine's
 * ECMAScript built-ins (minus `Date`, so wall time can only come through the ABI) and one
 * embedding-defined global, `__shimkitXenHost`: the `XenHost` ABI, each member a thin bridge to
 * a `XenHostSimulator`. This is what a unikernel embedding does in C; here Node plays the
 * hypervisor.
 *
 * The shared-info page lives in the guest's heap as an ArrayBuffer (as the real page is guest
 * memory); the embedding copies the simulator's page into it after any host call that changed
 * it, and copies the guest's writes (event acknowledgements) back before the calls that read
 * them — the only moments either side can observe the other, since the guest is single-threaded.
 * `SCHEDOP_block` blocks this thread for real (`Atomics.wait` in the simulator).
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
import type { XenHostSimulator } from './xen-host-simulator.js';

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

export async function runXenBundle(
  sim: XenHostSimulator,
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
    const helper = (code: string): QuickJSHandle => unwrap(ctx, ctx.evalCode(code));
    const makeU8 = helper('(ab) => new Uint8Array(ab)');
    const makeView = helper('(ab) => new DataView(ab)');
    const copyInto = helper('(page, bytes) => { new Uint8Array(page).set(new Uint8Array(bytes)); }');
    const viewBytes = helper('(v) => v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength)');
    const call = (fn: QuickJSHandle, ...args: QuickJSHandle[]): QuickJSHandle =>
      unwrap(ctx, ctx.callFunction(fn, ctx.undefined, ...args));

    const pageAb = ctx.newArrayBuffer(sim.page.slice(0));
    let synced = sim.generation;
    const toGuest = (): void => {
      if (sim.generation === synced) return;
      synced = sim.generation;
      const bytes = ctx.newArrayBuffer(sim.page.slice(0));
      call(copyInto, pageAb, bytes).dispose();
      bytes.dispose();
    };
    const fromGuest = (): void => {
      const copy = ctx.getArrayBuffer(pageAb);
      new Uint8Array(sim.page).set(copy.value);
      copy.dispose();
    };
    const bytesOf = (h: QuickJSHandle): Uint8Array => {
      const ab = call(viewBytes, h);
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
        const out = impl(...args);
        toGuest();
        return out;
      });
      ctx.setProp(host, name, f);
      f.dispose();
    };
    const h = sim.host;
    fn('rdtsc', () => ctx.newBigInt(h.rdtsc()));
    if (h.rdrand) fn('rdrand', () => draw(h.rdrand!()));
    if (h.rdseed) fn('rdseed', () => draw(h.rdseed!()));
    fn('console_io_write', (bytes) => void h.console_io_write(bytesOf(bytes!)));
    fn('set_timer_op', (deadline) => {
      fromGuest();
      h.set_timer_op(ctx.getBigInt(deadline!));
      return undefined;
    });
    fn('sched_op_block', () => {
      fromGuest();
      h.sched_op_block();
      return undefined;
    });
    fn('sched_op_shutdown', (reason) => void h.sched_op_shutdown(ctx.getNumber(reason!)));
    fn('xenstore_read', (path) => {
      const v = h.xenstore_read!(ctx.getString(path!));
      return v === null ? ctx.null : ctx.newString(v);
    });
    fn('xenstore_write', (path, value) => void h.xenstore_write!(ctx.getString(path!), ctx.getString(value!)));
    const view = call(makeView, pageAb);
    ctx.setProp(host, 'sharedInfo', view);
    view.dispose();
    const cmdAb = ctx.newArrayBuffer(h.cmdLine.slice().buffer);
    const cmd = call(makeU8, cmdAb);
    ctx.setProp(host, 'cmdLine', cmd);
    cmd.dispose();
    cmdAb.dispose();
    const port = ctx.newNumber(h.timerPort);
    ctx.setProp(host, 'timerPort', port);
    port.dispose();
    ctx.setProp(ctx.global, '__shimkitXenHost', host);
    host.dispose();

    let engineError: string | null = null;
    const result = ctx.evalCode(bundle, 'xen.bundle.js', { type: 'module' });
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
    for (const handle of [makeU8, makeView, copyInto, viewBytes, pageAb]) handle.dispose();
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

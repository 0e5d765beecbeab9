/**
 * Runs a Xen guest bundle in a bare JavaScript engine (`runBareBundle` of
 * `../bare-engine.ts`: QuickJS compiled to WebAssembly, only the
 * ECMAScript built-ins minus `Date`) with one embedding-defined global, `__shimkitXenHost`: the
 * `XenHost` ABI, each member a thin bridge to a `XenHostSimulator`. This is what a unikernel
 * embedding does in C; here Node plays the hypervisor.
 *
 * The shared-info page lives in the guest's heap as an ArrayBuffer (as the real page is guest
 * memory); the embedding copies the simulator's page into it after any host call that changed
 * it, and copies the guest's writes (event acknowledgements) back before the calls that read
 * them — the only moments either side can observe the other, since the guest is single-threaded.
 * `SCHEDOP_block` blocks this thread for real (`Atomics.wait` in the simulator).
 *
 * Test-side code (Node).
 */

import { type BareRunOptions, type BareRunResult, runBareBundle } from '../bare-engine.js';
import type { XenHostSimulator } from './host-simulator.js';

export { type BareRunOptions, type BareRunResult, FORBIDDEN_GLOBALS } from '../bare-engine.js';

export function runXenBundle(sim: XenHostSimulator, bundle: string, options: BareRunOptions = {}): Promise<BareRunResult> {
  const h = sim.host;
  return runBareBundle(
    {
      code: bundle,
      fileName: 'xen.bundle.js',
      hostGlobal: '__shimkitXenHost',
      defineHost(b) {
        const { ctx } = b;
        const makeView = b.helper('(ab) => new DataView(ab)');
        const copyInto = b.helper('(page, bytes) => { new Uint8Array(page).set(new Uint8Array(bytes)); }');
        const pageAb = b.keep(ctx.newArrayBuffer(sim.page.slice(0)));
        let synced = sim.generation;
        b.afterEachCall(() => {
          if (sim.generation === synced) return;
          synced = sim.generation;
          const bytes = ctx.newArrayBuffer(sim.page.slice(0));
          b.call(copyInto, pageAb, bytes).dispose();
          bytes.dispose();
        });
        const fromGuest = (): void => {
          const copy = ctx.getArrayBuffer(pageAb);
          new Uint8Array(sim.page).set(copy.value);
          copy.dispose();
        };

        b.fn('rdtsc', () => ctx.newBigInt(h.rdtsc()));
        if (h.rdrand) b.fn('rdrand', () => b.draw(h.rdrand!()));
        if (h.rdseed) b.fn('rdseed', () => b.draw(h.rdseed!()));
        if (h.cpuid) b.fn('cpuid', (leaf, sub) => b.numbers(h.cpuid!(ctx.getNumber(leaf!), ctx.getNumber(sub!))));
        b.fn('console_io_write', (bytes) => void h.console_io_write(b.bytesOf(bytes!)));
        b.fn('set_timer_op', (deadline) => {
          fromGuest();
          h.set_timer_op(ctx.getBigInt(deadline!));
          return undefined;
        });
        b.fn('sched_op_block', () => {
          fromGuest();
          h.sched_op_block();
          return undefined;
        });
        b.fn('sched_op_shutdown', (reason) => void h.sched_op_shutdown(ctx.getNumber(reason!)));
        b.fn('xenstore_read', (path) => {
          const v = h.xenstore_read!(ctx.getString(path!));
          return v === null ? ctx.null : ctx.newString(v);
        });
        if (h.suspend) b.fn('suspend', () => ctx.newNumber(h.suspend!()));
        b.fn('xenstore_write', (path, value) => void h.xenstore_write!(ctx.getString(path!), ctx.getString(value!)));
        b.value('sharedInfo', b.call(makeView, pageAb));
        b.value('cmdLine', b.u8(h.cmdLine));
        b.value('timerPort', ctx.newNumber(h.timerPort));
      },
    },
    options,
  );
}

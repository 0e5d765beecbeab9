/**
 * Runs a Solo5 unikernel bundle in a bare JavaScript engine (`runBareBundle` of
 * `../bare-engine.ts`: QuickJS compiled to WebAssembly, only the
 * ECMAScript built-ins minus `Date`) with one embedding-defined global, `__shimkitSolo5Host`:
 * the `Solo5Host` ABI, each member a thin bridge to a `Solo5HostSimulator`. This is what a
 * unikernel embedding does in C; here Node plays the tender. `solo5_yield` blocks this thread
 * for real (`Atomics.wait` in the simulator).
 *
 * Test-side code (Node).
 */

import { type BareRunOptions, type BareRunResult, runBareBundle } from '../bare-engine.js';
import type { Solo5HostSimulator } from './host-simulator.js';

export { type BareRunOptions, type BareRunResult, FORBIDDEN_GLOBALS } from '../bare-engine.js';

export function runSolo5Bundle(sim: Solo5HostSimulator, bundle: string, options: BareRunOptions = {}): Promise<BareRunResult> {
  const h = sim.host;
  return runBareBundle(
    {
      code: bundle,
      fileName: 'solo5.bundle.js',
      hostGlobal: '__shimkitSolo5Host',
      defineHost(b) {
        const { ctx } = b;
        b.fn('solo5_clock_monotonic', () => ctx.newBigInt(h.solo5_clock_monotonic()));
        b.fn('solo5_clock_wall', () => ctx.newBigInt(h.solo5_clock_wall()));
        b.fn('solo5_yield', (deadline) => ctx.newBigInt(h.solo5_yield(ctx.getBigInt(deadline!))));
        b.fn('solo5_console_write', (bytes) => void h.solo5_console_write(b.bytesOf(bytes!)));
        b.fn('solo5_exit', (status) => void h.solo5_exit(ctx.getNumber(status!)));
        b.fn('cpu_cycles', () => ctx.newBigInt(h.cpu_cycles()));
        if (h.rdrand) b.fn('rdrand', () => b.draw(h.rdrand!()));
        if (h.rdseed) b.fn('rdseed', () => b.draw(h.rdseed!()));
        if (h.cpuid) b.fn('cpuid', (leaf, sub) => b.numbers(h.cpuid!(ctx.getNumber(leaf!), ctx.getNumber(sub!))));
        b.value('cmdline', b.u8(h.cmdline));
      },
    },
    options,
  );
}

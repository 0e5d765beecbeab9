/**
 * `clock_res_get`, `clock_time_get` (wasi_snapshot_preview1.witx) on the injected clock (by
 * default the OS shim's): `realtime` → `wallNs()`, `monotonic` → `monotonicNs()`. The spec lets a
 * host define the CPU-time clocks as it can: here `process_cputime_id` and `thread_cputime_id`
 * count monotonic time since the instance started (the guest is the only thing its thread runs,
 * so this bounds its CPU time from above). Any other id is `EINVAL`. Resolution: 1 µs.
 */

import { Clockid } from './constants.js';
import { type HostFn, syscall, type WasiContext } from './context.js';
import { Errno, fail } from './errno.js';

export const CLOCK_RESOLUTION_NS = 1000n;

/** The time of clock `id` in ns, or `EINVAL`. */
export function readClock(ctx: WasiContext, id: number): bigint {
  switch (id) {
    case Clockid.REALTIME:
      return ctx.clock.wallNs();
    case Clockid.MONOTONIC:
      return ctx.clock.monotonicNs();
    case Clockid.PROCESS_CPUTIME_ID:
    case Clockid.THREAD_CPUTIME_ID:
      return ctx.clock.monotonicNs() - ctx.startNs;
    default:
      return fail(Errno.INVAL);
  }
}

export function clockImports(ctx: WasiContext): Record<string, HostFn> {
  return {
    clock_res_get: syscall((id: number, ptr: number) => {
      readClock(ctx, id);
      ctx.mem.u64(ptr, CLOCK_RESOLUTION_NS);
    }),
    clock_time_get: syscall((id: number, _precision: bigint, ptr: number) => {
      ctx.mem.u64(ptr, readClock(ctx, id));
    }),
  };
}

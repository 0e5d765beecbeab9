/**
 * `proc_exit`, `proc_raise`, `sched_yield` (wasi_snapshot_preview1.witx). `proc_exit(code)` ends
 * the call (code 0 is success; another code is a result of kind 'exit'). `proc_raise` is
 * `ENOSYS` (signals are gone from later WASI, and wasmtime does not implement it either);
 * `sched_yield` succeeds (one guest per thread: there is nothing to yield to).
 */

import { type HostFn, ProcExit, syscall, type WasiContext } from './context.js';
import { Errno } from './errno.js';

export function procImports(_ctx: WasiContext): Record<string, HostFn> {
  return {
    proc_exit: (code: number) => {
      throw new ProcExit(code >>> 0);
    },
    proc_raise: syscall(() => Errno.NOSYS),
    sched_yield: syscall(() => Errno.SUCCESS),
  };
}

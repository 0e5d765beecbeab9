/**
 * `args_get`, `args_sizes_get`, `environ_get`, `environ_sizes_get` (wasi_snapshot_preview1.witx):
 * the task's arguments and environment as NUL-terminated UTF-8 strings, pointers written to the
 * guest's `argv` / `environ` array, sizes as (count, total bytes).
 */

import { type HostFn, syscall, type WasiContext } from './context.js';

function sizes(ctx: WasiContext, list: readonly Uint8Array[], countPtr: number, sizePtr: number): void {
  ctx.mem.u32(countPtr, list.length);
  ctx.mem.u32(sizePtr, list.reduce((n, s) => n + s.length, 0));
}

function get(ctx: WasiContext, list: readonly Uint8Array[], ptrs: number, buf: number): void {
  let p = buf >>> 0;
  for (let i = 0; i < list.length; i++) {
    const s = list[i]!;
    ctx.mem.bytes(p, s.length).set(s);
    ctx.mem.u32(ptrs + 4 * i, p);
    p += s.length;
  }
}

export function argsEnvImports(ctx: WasiContext): Record<string, HostFn> {
  return {
    args_sizes_get: syscall((c: number, s: number) => sizes(ctx, ctx.args, c, s)),
    args_get: syscall((p: number, b: number) => get(ctx, ctx.args, p, b)),
    environ_sizes_get: syscall((c: number, s: number) => sizes(ctx, ctx.env, c, s)),
    environ_get: syscall((p: number, b: number) => get(ctx, ctx.env, p, b)),
  };
}

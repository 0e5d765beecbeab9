/**
 * `random_get` (wasi_snapshot_preview1.witx): fills the guest buffer from the injected random
 * source — by default `@shimkit/entropy`'s generator, never the host OS directly — in 64 KiB
 * requests.
 */

import { type HostFn, syscall, type WasiContext } from './context.js';

const CHUNK = 65536;

export function randomImports(ctx: WasiContext): Record<string, HostFn> {
  return {
    random_get: syscall((buf: number, len: number) => {
      const dest = ctx.mem.bytes(buf, len);
      for (let o = 0; o < dest.length; o += CHUNK) ctx.random.fill(dest.subarray(o, Math.min(o + CHUNK, dest.length)));
    }),
  };
}

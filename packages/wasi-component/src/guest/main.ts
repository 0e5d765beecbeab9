/**
 * The shimkit WASI component: the JavaScript that ComponentizeJS turns into a WebAssembly
 * component of the world in `../../wit/world.wit`. Each export below is one function of that
 * world (`self-test` → `selfTest`). The OS backend is whatever `@shimkit/os-shim` was linked to
 * when this file was bundled: `@shimkit/os-unix/wasi`, by `rollupAlias('wasi')`.
 */

import { os } from '@shimkit/os-shim';
import { ShimkitRangeError } from '@shimkit/os-shim/errors';
import { status as backendStatus } from '@shimkit/os-unix/wasi';
import { byteSource } from './byte-source.js';
import { toFailure } from './failure.js';
import { runSelfTest } from './self-test.js';

/** The most bytes one `generate` call returns (16 MiB). */
export const GENERATE_MAX = 16 * 1024 * 1024;

/** WIT: `generate: func(n: u32) -> result<list<u8>, failure>`. */
export function generate(n: number): Uint8Array {
  try {
    if (!Number.isInteger(n) || n < 0 || n > GENERATE_MAX) {
      throw new ShimkitRangeError(`n must be an integer in [0, ${GENERATE_MAX}], got ${n}`);
    }
    const out = new Uint8Array(n);
    byteSource.fill(out);
    return out;
  } catch (error) {
    // ComponentizeJS returns a thrown `failure`-shaped value as `err(failure)`.
    throw toFailure(error);
  }
}

/** WIT: `status: func() -> string`. */
export function status(): string {
  return JSON.stringify({
    backend: os.name,
    sources: backendStatus(),
    byteSource: byteSource.name,
    entropy: byteSource.status(),
    generateMax: GENERATE_MAX,
  });
}

/** WIT: `self-test: func() -> string`. Async: ComponentizeJS runs the event loop until it settles. */
export async function selfTest(): Promise<string> {
  return JSON.stringify(await runSelfTest(os));
}

/** WIT: `clocks: func() -> tuple<u64, u64>`. */
export function clocks(): [bigint, bigint] {
  return [os.time.monotonicNs(), os.time.wallNs()];
}

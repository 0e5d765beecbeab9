/**
 * `Main` on Solo5: the `solo5_yield` loop (`MainLoop` of `@shimkit/os-unikernel/main`). Blocking
 * yields until the earliest sleeper's deadline, or for at most `IDLE_YIELD_NS` with no sleeper,
 * so promise chains that never touch the backend still make progress; polling yields with a
 * deadline in the past. The ready handles `solo5_yield` returns are counted for `status()`.
 */

import { type LoopPlatform, MainLoop } from '@shimkit/os-unikernel/main';
import type { Solo5Host } from '../host.js';

/** The longest `solo5_yield` when no sleeper is waiting: 1 s. */
export const IDLE_YIELD_NS = 1_000_000_000n;

function popcount(set: bigint): number {
  let n = 0;
  for (let s = set; s !== 0n; s &= s - 1n) n++;
  return n;
}

export function createSolo5Main(
  host: Solo5Host,
  platform: Pick<LoopPlatform, 'now' | 'report'>,
): { loop: MainLoop; readyHandles(): number } {
  let ready = 0;
  const loop = new MainLoop({
    now: platform.now,
    block(deadline) {
      ready += popcount(host.solo5_yield(deadline ?? platform.now() + IDLE_YIELD_NS));
    },
    poll() {
      ready += popcount(host.solo5_yield(0n));
    },
    afterWake() {},
    report: platform.report,
  });
  return { loop, readyHandles: () => ready };
}

/**
 * The Solo5 backend assembled over one host ABI object (`./host.ts`). The result is checked
 * against the contract at compile time (`satisfies Os`).
 *
 * - Time: `solo5_clock_monotonic` (clamped so it never goes back, should a tender's clock
 *   misbehave) and `solo5_clock_wall`; `sleepNs` is a sleeper of the main loop.
 * - Main: the `solo5_yield` loop (`MainLoop` of `@shimkit/os-unikernel/loop`). With no sleeper the loop yields for at most
 *   `IDLE_YIELD_NS`, so promise chains that never touch the backend still make progress.
 * - Cpu: the cycle counter, RDRAND, RDSEED (`@shimkit/os-unikernel/cpu`). No `Random`: Solo5 has
 *   no OS RNG.
 * - Env: `solo5_start_info.cmdline`; Lifecycle: `solo5_exit` (Solo5 has no shutdown requests,
 *   so shutdown hooks are kept but never called); Console: `solo5_console_write`. The shared parts
 *   (loop, argv, CPU RNG, console, lifecycle) come from `@shimkit/os-unikernel`; this module wires
 *   them to the Solo5 ABI.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { cmdLineEnv } from '@shimkit/os-unikernel/argv';
import { createGuestConsole } from '@shimkit/os-unikernel/console';
import { cpuRngStatus, createCpu } from '@shimkit/os-unikernel/cpu';
import { createLifecycle } from '@shimkit/os-unikernel/lifecycle';
import { MainLoop } from '@shimkit/os-unikernel/loop';
import type { Solo5Host } from './host.js';
import type { Solo5Status } from './status.js';

/** The longest `solo5_yield` when no sleeper is waiting: 1 s. */
export const IDLE_YIELD_NS = 1_000_000_000n;

function popcount(set: bigint): number {
  let n = 0;
  for (let s = set; s !== 0n; s &= s - 1n) n++;
  return n;
}

export function createSolo5Backend(host: Solo5Host) {
  let last = 0n;
  let ready = 0;
  const monotonicNs = (): bigint => {
    const now = host.solo5_clock_monotonic();
    if (now > last) last = now;
    return last;
  };

  const guestConsole = createGuestConsole((bytes) => host.solo5_console_write(bytes));

  const loop = new MainLoop({
    now: monotonicNs,
    block(deadline) {
      ready += popcount(host.solo5_yield(deadline ?? monotonicNs() + IDLE_YIELD_NS));
    },
    poll() {
      ready += popcount(host.solo5_yield(0n));
    },
    afterWake() {},
    report: guestConsole.report,
  });

  const cpuParts = createCpu(
    () => host.cpu_cycles(),
    host.rdrand && (() => host.rdrand!()),
    host.rdseed && (() => host.rdseed!()),
  );
  // Solo5 has no shutdown requests: the hooks are kept and never run.
  const { lifecycle } = createLifecycle(loop, (status) => host.solo5_exit(status));

  const os = {
    name: 'solo5',
    time: { monotonicNs, wallNs: () => host.solo5_clock_wall(), sleepNs: loop.sleepNs },
    main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
    cpu: cpuParts.cpu,
    env: cmdLineEnv(() => host.cmdline),
    lifecycle,
    console: guestConsole.console,
  } as const satisfies Os;

  const status = (): Solo5Status => ({
    backend: 'solo5',
    monotonicClock: 'solo5_clock_monotonic',
    wallClock: 'solo5_clock_wall',
    cycleCounter: 'cpu_cycles',
    osRandom: 'none',
    ...cpuRngStatus(cpuParts),
    readyHandles: ready,
    loop: loop.counters(),
  });

  return { os, loop, status };
}

export type Solo5Backend = ReturnType<typeof createSolo5Backend>;

/**
 * The Solo5 backend assembled over one host ABI object (`./host.ts`). The result is checked
 * against the contract at compile time (`satisfies Os`).
 *
 * - Time: `solo5_clock_monotonic` (clamped so it never goes back, should a tender's clock
 *   misbehave) and `solo5_clock_wall`; `sleepNs` is a sleeper of the main loop.
 * - Main: the `solo5_yield` loop (`./loop.ts`). With no sleeper the loop yields for at most
 *   `IDLE_YIELD_NS`, so promise chains that never touch the backend still make progress.
 * - Cpu: the cycle counter, RDRAND, RDSEED (`./cpu.ts`). No `Random`: Solo5 has no OS RNG.
 * - Env: `solo5_start_info.cmdline`; Lifecycle: `solo5_exit` (Solo5 has no shutdown requests,
 *   so shutdown hooks are kept but never called); Console: `solo5_console_write`.
 */

import type { Os, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertIntInRange, assertString } from '@shimkit/os-shim/validate';
import { parseCmdLine } from './argv.js';
import { createCpu } from './cpu.js';
import type { Solo5Host } from './host.js';
import { MainLoop } from './loop.js';
import type { Solo5Status } from './status.js';
import { encodeUtf8 } from './utf8.js';

/** The longest `solo5_yield` when no sleeper is waiting: 1 s. */
export const IDLE_YIELD_NS = 1_000_000_000n;

function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

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

  const writeLine = (line: string): void => host.solo5_console_write(encodeUtf8(`${line}\n`));
  const report = (error: unknown): void => writeLine(`shimkit: uncaught error in a main-loop hook: ${describeError(error)}`);

  const loop = new MainLoop({
    now: monotonicNs,
    block(deadline) {
      ready += popcount(host.solo5_yield(deadline ?? monotonicNs() + IDLE_YIELD_NS));
    },
    poll() {
      ready += popcount(host.solo5_yield(0n));
    },
    afterWake() {},
    report,
  });

  const cpuParts = createCpu(
    () => host.cpu_cycles(),
    host.rdrand && (() => host.rdrand!()),
    host.rdseed && (() => host.rdseed!()),
  );
  const shutdownHooks = new Set<{ fn: (kind: ShutdownKind) => void }>();
  let argv: readonly string[] | null = null;

  const os = {
    name: 'solo5',
    time: { monotonicNs, wallNs: () => host.solo5_clock_wall(), sleepNs: loop.sleepNs },
    main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
    cpu: cpuParts.cpu,
    env: { argv: () => (argv ??= parseCmdLine(host.cmdline)) },
    lifecycle: {
      onShutdownRequest(hook: (kind: ShutdownKind) => void): Unregister {
        const entry = { fn: assertFunction<(kind: ShutdownKind) => void>(hook, 'hook') };
        shutdownHooks.add(entry);
        return () => {
          shutdownHooks.delete(entry);
        };
      },
      exit(code: number): never {
        const status = assertIntInRange(code, 'code', 0, 255);
        const error = loop.exited(status);
        host.solo5_exit(status);
        throw error;
      },
    },
    console: { log: (line: string) => writeLine(assertString(line, 'line')) },
  } as const satisfies Os;

  const status = (): Solo5Status => ({
    backend: 'solo5',
    monotonicClock: 'solo5_clock_monotonic',
    wallClock: 'solo5_clock_wall',
    cycleCounter: 'cpu_cycles',
    osRandom: 'none',
    rdrand: { available: cpuParts.cpu.rdrand !== undefined, selfTest: cpuParts.rdrandSelfTest },
    rdseed: { available: cpuParts.cpu.rdseed !== undefined, selfTest: cpuParts.rdseedSelfTest },
    readyHandles: ready,
    loop: loop.counters(),
  });

  return { os, loop, status };
}

export type Solo5Backend = ReturnType<typeof createSolo5Backend>;

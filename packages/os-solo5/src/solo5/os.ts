/**
 * The Solo5 backend assembled over one host ABI object (`../host.ts`): one module per contract
 * interface in this folder (`time`, `main`, `cpu`, `random`, `env`, `lifecycle`, `console`),
 * wired together here. The result is checked against the contract at compile time
 * (`satisfies Os`). Shared parts come from `@shimkit/os-unikernel`.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { cpuRngStatus } from '@shimkit/os-unikernel/cpu';
import type { Solo5Host } from '../host.js';
import type { Solo5Status } from '../status.js';
import { createSolo5Console } from './console.js';
import { createSolo5Cpu } from './cpu.js';
import { createSolo5Env } from './env.js';
import { createSolo5Lifecycle } from './lifecycle.js';
import { createSolo5Main } from './main.js';
import { createSolo5Clock } from './time.js';

export { IDLE_YIELD_NS } from './main.js';

export function createSolo5Backend(host: Solo5Host) {
  const clock = createSolo5Clock(host);
  const guestConsole = createSolo5Console(host);
  const { loop, readyHandles } = createSolo5Main(host, { now: clock.monotonicNs, report: guestConsole.report });
  const cpuParts = createSolo5Cpu(host);
  const { lifecycle } = createSolo5Lifecycle(host, loop);

  const os = {
    name: 'solo5',
    time: { monotonicNs: clock.monotonicNs, wallNs: clock.wallNs, sleepNs: loop.sleepNs },
    main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
    cpu: cpuParts.cpu,
    env: createSolo5Env(host),
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
    readyHandles: readyHandles(),
    loop: loop.counters(),
  });

  return { os, loop, status };
}

export type Solo5Backend = ReturnType<typeof createSolo5Backend>;

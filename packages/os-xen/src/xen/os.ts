/**
 * The Xen backend assembled over one host ABI object (`../host.ts`): one module per contract
 * interface in this folder (`time`, `main`, `cpu`, `random`, `env`, `lifecycle`, `console`),
 * wired together here. The result is checked against the contract at compile time
 * (`satisfies Os`). Shared parts (loop, argv, CPU RNG, console, lifecycle) come from
 * `@shimkit/os-unikernel`.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { cpuRngStatus } from '@shimkit/os-unikernel/cpu';
import type { XenHost } from '../host.js';
import type { XenStatus } from '../status.js';
import { createXenConsole } from './console.js';
import { createXenCpu } from './cpu.js';
import { createXenEnv } from './env.js';
import { createXenLifecycle, type XenLifecycle } from './lifecycle.js';
import { createXenMain } from './main.js';
import { createXenClock } from './time.js';

export { CONTROL_SHUTDOWN } from './lifecycle.js';

export function createXenBackend(host: XenHost) {
  const clock = createXenClock(host);
  const guestConsole = createXenConsole(host);
  const { report } = guestConsole;
  // The loop runs the shutdown check after each wakeup; the lifecycle needs the loop to exit it.
  let life: XenLifecycle | undefined;
  const { loop, counters } = createXenMain(host, { now: clock.monotonicNs, afterWake: () => life!.checkShutdown(), report });
  life = createXenLifecycle(host, loop, report);
  const cpuParts = createXenCpu(host);

  const os = {
    name: 'xen',
    time: { monotonicNs: clock.monotonicNs, wallNs: clock.wallNs, sleepNs: loop.sleepNs },
    main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
    cpu: cpuParts.cpu,
    env: createXenEnv(host),
    lifecycle: life.lifecycle,
    console: guestConsole.console,
  } as const satisfies Os;

  const status = (): XenStatus => ({
    backend: 'xen',
    monotonicClock: 'pvclock vcpu_info[0].time',
    wallClock: 'shared_info wc_sec/wc_nsec + system time',
    cycleCounter: 'rdtsc',
    osRandom: 'none',
    ...cpuRngStatus(cpuParts),
    tscStable: clock.stable,
    pvclockRetries: clock.retries,
    timerEvents: counters.timerEvents,
    events: counters.events,
    suspends: { ...life!.suspends },
    loop: loop.counters(),
  });

  return { os, loop, status };
}

export type XenBackend = ReturnType<typeof createXenBackend>;

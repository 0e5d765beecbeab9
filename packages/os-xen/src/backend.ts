/**
 * The Xen backend assembled over one host ABI object (`./host.ts`). The result is checked
 * against the contract at compile time (`satisfies Os`).
 *
 * - Time: pvclock over `vcpu_info[0].time` (`./pvclock.ts`); `monotonicNs` is Xen system time,
 *   clamped so it never goes back (Linux does the same for records without the stable bit);
 *   `wallNs` is the `wc_*` base plus system time. `sleepNs` is a sleeper of the main loop.
 * - Main: the event-channel loop (`MainLoop` of `@shimkit/os-unikernel/loop`) over
 *   `set_timer_op` + `SCHEDOP_block`; every unmasked pending event channel is acknowledged
 *   (`./events.ts`) and wakes the loop.
 * - Cpu: RDTSC, RDRAND, RDSEED (`@shimkit/os-unikernel/cpu`). No `Random`: Xen has no OS random
 *   source.
 * - Env: `start_info.cmd_line`; Lifecycle: `control/shutdown` in xenstore and `SCHEDOP_shutdown`;
 *   Console: `CONSOLEIO_write`. The shared parts (loop, argv, CPU RNG, console, lifecycle) come
 *   from `@shimkit/os-unikernel`; this module wires them to the Xen ABI.
 */

import type { Os, ShutdownKind } from '@shimkit/os-shim/contract';
import { cmdLineEnv } from '@shimkit/os-unikernel/argv';
import { createGuestConsole } from '@shimkit/os-unikernel/console';
import { cpuRngStatus, createCpu } from '@shimkit/os-unikernel/cpu';
import { createLifecycle } from '@shimkit/os-unikernel/lifecycle';
import { MainLoop } from '@shimkit/os-unikernel/loop';
import { acknowledgeEvents } from './events.js';
import { SHUTDOWN_CRASH, SHUTDOWN_POWEROFF, type XenHost } from './host.js';
import { readSystemTime, readWallClockBase } from './pvclock.js';
import { PVCLOCK_TSC_STABLE_BIT } from './shared-info.js';
import type { XenStatus } from './status.js';

/** The xenstore node the toolstack writes a shutdown request to. */
export const CONTROL_SHUTDOWN = 'control/shutdown';

export function createXenBackend(host: XenHost) {
  const page = host.sharedInfo;
  const rdtsc = (): bigint => host.rdtsc();
  let last = 0n;
  let retries = 0;
  let stable = false;
  let timerEvents = 0;
  let events = 0;

  const monotonicNs = (): bigint => {
    const r = readSystemTime(page, rdtsc);
    retries += r.retries;
    stable = (r.info.flags & PVCLOCK_TSC_STABLE_BIT) !== 0;
    if (r.ns > last) last = r.ns;
    return last;
  };
  const wallNs = (): bigint => readWallClockBase(page).ns + monotonicNs();

  const guestConsole = createGuestConsole((bytes) => host.console_io_write(bytes));
  const { report } = guestConsole;

  const checkShutdown = (): void => {
    if (shutdownHooks.size === 0 || host.xenstore_read === undefined) return;
    const request = host.xenstore_read(CONTROL_SHUTDOWN);
    const kind: ShutdownKind | null =
      request === 'poweroff' || request === 'halt' ? 'poweroff' : request === 'reboot' ? 'reboot' : null;
    if (kind === null) return;
    host.xenstore_write?.(CONTROL_SHUTDOWN, '');
    shutdownHooks.run(report, kind);
  };

  const ack = (): void => {
    const a = acknowledgeEvents(page, host.timerPort);
    events += a.ports;
    if (a.timer) timerEvents++;
  };

  const loop = new MainLoop({
    now: monotonicNs,
    block(deadline) {
      host.set_timer_op(deadline ?? 0n);
      host.sched_op_block();
      ack();
    },
    poll: ack,
    afterWake: checkShutdown,
    report,
  });

  const cpuParts = createCpu(rdtsc, host.rdrand && (() => host.rdrand!()), host.rdseed && (() => host.rdseed!()));
  const { lifecycle, shutdownHooks } = createLifecycle(loop, (status) =>
    host.sched_op_shutdown(status === 0 ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH),
  );

  const os = {
    name: 'xen',
    time: { monotonicNs, wallNs, sleepNs: loop.sleepNs },
    main: { atEnterIter: loop.atEnterIter, atExitIter: loop.atExitIter },
    cpu: cpuParts.cpu,
    env: cmdLineEnv(() => host.cmdLine),
    lifecycle,
    console: guestConsole.console,
  } as const satisfies Os;

  const status = (): XenStatus => ({
    backend: 'xen',
    monotonicClock: 'pvclock vcpu_info[0].time',
    wallClock: 'shared_info wc_sec/wc_nsec + system time',
    cycleCounter: 'rdtsc',
    osRandom: 'none',
    ...cpuRngStatus(cpuParts),
    tscStable: stable,
    pvclockRetries: retries,
    timerEvents,
    events,
    loop: loop.counters(),
  });

  return { os, loop, status };
}

export type XenBackend = ReturnType<typeof createXenBackend>;

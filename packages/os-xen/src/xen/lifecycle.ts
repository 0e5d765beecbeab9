/**
 * `Lifecycle` on Xen.
 *
 * - Shutdown requests: the toolstack writes `poweroff`, `halt` or `reboot` to the xenstore node
 *   `control/shutdown` (and raises the xenstore event, which wakes the loop). After each wakeup
 *   the node is read; a request is acknowledged by writing `""` back, as Linux's
 *   `drivers/xen/manage.c` does, and the hooks run with `'poweroff'` (poweroff, halt) or
 *   `'reboot'`. Other values (`suspend`) are left for the embedding.
 * - `exit(code)`: `SCHEDOP_shutdown` with `SHUTDOWN_poweroff` for 0 and `SHUTDOWN_crash` for any
 *   other status (Xen has no exit status).
 */

import type { ShutdownKind } from '@shimkit/os-shim/contract';
import { createLifecycle, type GuestLifecycle } from '@shimkit/os-unikernel/lifecycle';
import type { MainLoop } from '@shimkit/os-unikernel/main';
import { SHUTDOWN_CRASH, SHUTDOWN_POWEROFF, type XenHost } from '../host.js';

/** The xenstore node the toolstack writes a shutdown request to. */
export const CONTROL_SHUTDOWN = 'control/shutdown';

export interface XenLifecycle extends GuestLifecycle {
  /** Reads `control/shutdown` and delivers a request (the loop's `afterWake`). */
  checkShutdown(): void;
}

export function createXenLifecycle(host: XenHost, loop: Pick<MainLoop, 'exited'>, report: (error: unknown) => void): XenLifecycle {
  const guest = createLifecycle(loop, (status) => host.sched_op_shutdown(status === 0 ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH));
  const { shutdownHooks } = guest;
  return {
    ...guest,
    checkShutdown(): void {
      if (shutdownHooks.size === 0 || host.xenstore_read === undefined) return;
      const request = host.xenstore_read(CONTROL_SHUTDOWN);
      const kind: ShutdownKind | null =
        request === 'poweroff' || request === 'halt' ? 'poweroff' : request === 'reboot' ? 'reboot' : null;
      if (kind === null) return;
      host.xenstore_write?.(CONTROL_SHUTDOWN, '');
      shutdownHooks.run(report, kind);
    },
  };
}

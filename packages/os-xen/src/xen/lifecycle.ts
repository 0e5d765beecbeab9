/**
 * `Lifecycle` on Xen.
 *
 * - Shutdown requests: the toolstack writes `poweroff`, `halt` or `reboot` to the xenstore node
 *   `control/shutdown` (and raises the xenstore event, which wakes the loop). After each wakeup
 *   the node is read; a request is acknowledged by writing `""` back, as Linux's
 *   `drivers/xen/manage.c` does, and the hooks run with `'poweroff'` (poweroff, halt) or
 *   `'reboot'`.
 * - Suspend and clone detection: when the host offers `suspend()`, a `suspend` request is
 *   acknowledged the same way and answered by `suspend()` (SCHEDOP_shutdown with
 *   SHUTDOWN_suspend, which returns when the guest runs again); if the guest was resumed from the
 *   saved image (return 0) — which may happen on another host, or several times from one image —
 *   the `onClone` hooks run with `'resume'` right away, in the iteration's `afterWake`, before the
 *   exit hooks, the woken sleepers and anything else of the program. A cancelled suspend (1) runs
 *   nothing. Without `suspend()` the request is left for the embedding and `onClone` is absent.
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
  /** Suspends answered, and how many of them resumed from the saved image. */
  readonly suspends: { readonly requested: number; readonly resumed: number };
}

export function createXenLifecycle(host: XenHost, loop: Pick<MainLoop, 'exited'>, report: (error: unknown) => void): XenLifecycle {
  const suspend = host.suspend;
  const guest = createLifecycle(loop, (status) => host.sched_op_shutdown(status === 0 ? SHUTDOWN_POWEROFF : SHUTDOWN_CRASH), {
    detectsClone: suspend !== undefined,
  });
  const { shutdownHooks, cloneHooks } = guest;
  const suspends = { requested: 0, resumed: 0 };
  return {
    ...guest,
    suspends,
    checkShutdown(): void {
      if ((shutdownHooks.size === 0 && suspend === undefined) || host.xenstore_read === undefined) return;
      const request = host.xenstore_read(CONTROL_SHUTDOWN);
      if (request === 'suspend' && suspend !== undefined) {
        host.xenstore_write?.(CONTROL_SHUTDOWN, '');
        suspends.requested++;
        if (suspend.call(host) === 0) {
          suspends.resumed++;
          cloneHooks.run(report, 'resume');
        }
        return;
      }
      const kind: ShutdownKind | null =
        request === 'poweroff' || request === 'halt' ? 'poweroff' : request === 'reboot' ? 'reboot' : null;
      if (kind === null) return;
      host.xenstore_write?.(CONTROL_SHUTDOWN, '');
      shutdownHooks.run(report, kind);
    },
  };
}

/**
 * `Main` on Xen: the event-channel loop (`MainLoop` of `@shimkit/os-unikernel/main`). Blocking
 * arms the vCPU's one-shot timer (`HYPERVISOR_set_timer_op`, Xen system time) for the earliest
 * sleeper and blocks in `SCHEDOP_block`; every unmasked pending event channel is then
 * acknowledged (`../events.ts`) and wakes the loop. Polling only acknowledges.
 */

import { type LoopPlatform, MainLoop } from '@shimkit/os-unikernel/main';
import { acknowledgeEvents } from '../events.js';
import type { XenHost } from '../host.js';

/** Event counters for `status()`. */
export interface XenEventCounters {
  /** Wakeups by VIRQ_TIMER (one-shot or periodic timer). */
  timerEvents: number;
  /** Event-channel events acknowledged (all unmasked ports). */
  events: number;
}

/** The Xen main loop: `now` is the pvclock, `afterWake` and `report` come from the other parts. */
export function createXenMain(
  host: XenHost,
  platform: Pick<LoopPlatform, 'now' | 'afterWake' | 'report'>,
): { loop: MainLoop; counters: XenEventCounters } {
  const counters: XenEventCounters = { timerEvents: 0, events: 0 };
  const ack = (): void => {
    const a = acknowledgeEvents(host.sharedInfo, host.timerPort);
    counters.events += a.ports;
    if (a.timer) counters.timerEvents++;
  };
  const loop = new MainLoop({
    now: platform.now,
    block(deadline) {
      host.set_timer_op(deadline ?? 0n);
      host.sched_op_block();
      ack();
    },
    poll: ack,
    afterWake: platform.afterWake,
    report: platform.report,
  });
  return { loop, counters };
}

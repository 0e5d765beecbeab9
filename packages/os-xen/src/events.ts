/**
 * Event-channel acknowledgement for vCPU 0, as a PV kernel's upcall handler does it with 2-level
 * event channels: clear `evtchn_upcall_pending`, exchange `evtchn_pending_sel` with 0, and for
 * each word it names, clear the pending bits of the unmasked ports. This backend is the guest's
 * only event consumer: an event's effect is to wake the main loop, so every unmasked pending
 * port is acknowledged and counted (VIRQ_TIMER's port separately). Ports an embedding wants to
 * handle itself stay masked in `evtchn_mask` and are left alone. Layout in `./shared-info.ts`.
 */

import { SHARED_INFO, VCPU_INFO, vcpuInfoOffset } from './shared-info.js';

export interface EventAck {
  /** Ports acknowledged (pending bits cleared). */
  readonly ports: number;
  /** Whether the timer port was among them. */
  readonly timer: boolean;
}

export function acknowledgeEvents(page: DataView, timerPort: number): EventAck {
  const vcpu = vcpuInfoOffset(0);
  page.setUint8(vcpu + VCPU_INFO.evtchnUpcallPending, 0);
  const selAt = vcpu + VCPU_INFO.evtchnPendingSel;
  let sel = page.getBigUint64(selAt, true);
  page.setBigUint64(selAt, 0n, true);
  let ports = 0;
  let timer = false;
  for (let word = 0; sel !== 0n; word++, sel >>= 1n) {
    if ((sel & 1n) === 0n) continue;
    const at = SHARED_INFO.evtchnPending + word * 8;
    const pending = page.getBigUint64(at, true);
    const live = pending & ~page.getBigUint64(SHARED_INFO.evtchnMask + word * 8, true);
    if (live === 0n) continue;
    page.setBigUint64(at, pending & ~live, true);
    for (let bits = live, port = word * 64; bits !== 0n; bits >>= 1n, port++) {
      if ((bits & 1n) === 0n) continue;
      ports++;
      if (port === timerPort) timer = true;
    }
  }
  return { ports, timer };
}

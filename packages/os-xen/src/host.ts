/**
 * The Xen host ABI: what an embedding (a JavaScript engine linked into a Xen PV guest) hands to
 * this backend. It is the JavaScript counterpart of the small C platform API an embedding
 * provides in Wasmtime's min-platform example (`wasmtime-platform.h`): each member is one thin
 * wrapper over a hypercall, a CPU instruction or a shared page, with the names and units of
 * Xen's public headers (`xen/include/public/xen.h`, `sched.h`, `arch-x86/xen.h`).
 *
 * Time is NOT a host call: the backend reads it from the shared-info page the way a PV kernel
 * does (pvclock over `vcpu_time_info` of vCPU 0, see `./pvclock.ts`). The embedding only maps
 * the page and keeps it current, as Xen does.
 *
 * The embedding installs the object before the backend is first used, either by calling
 * `bindHost(host)` from `@shimkit/os-xen` or by setting `globalThis.__shimkitXenHost` (for a
 * bare engine where the bundle cannot be called into first). See `./bind.ts`.
 */

/** `SHUTDOWN_*` reasons of `SCHEDOP_shutdown` (`xen/include/public/sched.h`). */
export const SHUTDOWN_POWEROFF = 0;
export const SHUTDOWN_REBOOT = 1;
export const SHUTDOWN_SUSPEND = 2;
export const SHUTDOWN_CRASH = 3;
export const SHUTDOWN_WATCHDOG = 4;

import type { Cpuid, CpuidRegisters, CpuRngDraw } from '@shimkit/os-unikernel/cpu';

/** One execution of RDRAND/RDSEED: the 64-bit destination register (unsigned or BigInt64), or `null` when CF was clear. */
export type { Cpuid, CpuidRegisters, CpuRngDraw };

export interface XenHost {
  /**
   * The guest's shared-info page (4096 bytes, `struct shared_info`, x86-64 layout; offsets in
   * `./shared-info.ts`), as the embedding mapped it (`XENMAPSPACE_shared_info`). The hypervisor
   * (or the embedding on its behalf) keeps `vcpu_info[0].time` and the `wc_*` fields current
   * with their version seqlocks; the backend writes only the event-channel acknowledgement
   * fields of vCPU 0 (`evtchn_upcall_pending`, `evtchn_pending_sel`, unmasked `evtchn_pending`
   * bits), as a PV kernel's upcall handler does.
   */
  readonly sharedInfo: DataView;
  /** RDTSC: the full 64-bit time-stamp counter of the current CPU, in [0, 2^64). */
  rdtsc(): bigint;
  /**
   * OPTIONAL: one RDRAND instruction (64-bit operand): the value, or `null` when the carry
   * flag was clear. Absent when CPUID does not advertise RDRAND. The backend does the retries.
   */
  rdrand?(): CpuRngDraw;
  /** OPTIONAL: one RDSEED instruction; as `rdrand`. */
  rdseed?(): CpuRngDraw;
  /**
   * CPUID (`leaf` in EAX, `subleaf` in ECX) → `[eax, ebx, ecx, edx]`, each a uint32. REQUIRED
   * when `rdrand` or `rdseed` is offered: the CPU-RNG policy reads the vendor and family
   * (leaves 0 and 1) to exclude AMD families before 17h (`@shimkit/os-shim/cpu-rng`).
   */
  cpuid?(leaf: number, subleaf: number): CpuidRegisters;
  /** `HYPERVISOR_console_io(CONSOLEIO_write, bytes.length, bytes)`: raw bytes to the console. */
  console_io_write(bytes: Uint8Array): void;
  /**
   * `HYPERVISOR_set_timer_op(deadline)`: arm the vCPU's one-shot timer for Xen system time
   * `deadline` (nanoseconds, the clock of `vcpu_time_info.system_time`); `0n` cancels it. When
   * it fires Xen raises VIRQ_TIMER on `timerPort`.
   */
  set_timer_op(deadline: bigint): void;
  /**
   * `HYPERVISOR_sched_op(SCHEDOP_block, NULL)`: enable event delivery and block the vCPU until
   * an event is pending (`vcpu_info[0].evtchn_upcall_pending`). Returns at once if one already
   * is. MAY return early (spurious wakeups, the periodic timer); the backend re-checks time.
   */
  sched_op_block(): void;
  /**
   * `HYPERVISOR_sched_op(SCHEDOP_shutdown, { reason })` with a `SHUTDOWN_*` reason. On Xen it
   * does not return; if it does (a simulator), the backend stops the guest program itself.
   */
  sched_op_shutdown(reason: number): void;
  /** The event-channel port bound to VIRQ_TIMER on vCPU 0 (`EVTCHNOP_bind_virq`). */
  readonly timerPort: number;
  /** `start_info.cmd_line`: the guest command line bytes, up to (not including) the NUL. */
  readonly cmdLine: Uint8Array;
  /**
   * OPTIONAL: read a xenstore node (the XS_READ request on the xenstore ring); `null` when it
   * does not exist. Used only for `control/shutdown` (shutdown requests from the toolstack).
   */
  xenstore_read?(path: string): string | null;
  /** OPTIONAL: write a xenstore node (XS_WRITE). Used to acknowledge `control/shutdown`. */
  xenstore_write?(path: string, value: string): void;
  /**
   * OPTIONAL: suspend the guest — `HYPERVISOR_sched_op(SCHEDOP_shutdown, SHUTDOWN_suspend)` with
   * the embedding's own work around it (tearing down and re-establishing its rings, event
   * channels and grant mappings, as a PV kernel's `xen_suspend` does). Returns when the guest
   * runs again: `0` when it was resumed from the saved image (possibly on another host, possibly
   * more than once — a clone), `1` when the suspend was cancelled and the guest simply goes on
   * (the hypercall's return value). When present, the backend answers `control/shutdown =
   * suspend` by calling it, and offers `lifecycle.onClone`, whose hooks run with `'resume'`.
   */
  suspend?(): number;
}

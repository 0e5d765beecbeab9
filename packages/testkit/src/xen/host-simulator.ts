/**
 * A Xen host for tests and bare-engine runs: it implements the `XenHost` ABI the way the
 * hypervisor does, on a real, byte-for-byte `struct shared_info` page (x86-64 layout of
 * `xen/include/public/xen.h`; offsets restated here from the header, not imported from the
 * backend, so a wrong offset on either side shows up):
 *
 * - Time: Xen's `set_time_scale` turns the calibrated TSC frequency into `tsc_to_system_mul` /
 *   `tsc_shift`; Xen system time is the scaled TSC since the simulated boot. `vcpu_info[0].time`
 *   is rewritten as `__update_vcpu_system_time` does — `version = (version + 1) | 1`, new
 *   `tsc_timestamp` / `system_time` / scale, `version + 1` — whenever the vCPU is scheduled back
 *   in (every return from `SCHEDOP_block`) and at least once per calibration epoch (1 s).
 *   `injectMidRead()` makes the next RDTSC land inside an update, to prove the guest retries.
 * - Wall clock: `wc_sec`/`wc_nsec`/`wc_sec_hi` hold the wall time at system time 0, under
 *   `wc_version`, set from the host's real clock (and by `setWallClock`, like `XENPF_settime`).
 * - Events: 2-level event channels (`evtchn_pending`, `evtchn_mask`, `evtchn_pending_sel`,
 *   `evtchn_upcall_pending`); `set_timer_op` arms the one-shot timer, VIRQ_TIMER fires on
 *   `timerPort`; a periodic timer (Xen's default for PV vCPUs, 10 ms) also fires unless disabled;
 *   `SCHEDOP_block` really blocks the thread (`Atomics.wait`) until an event is pending.
 * - CPU: RDTSC and RDRAND/RDSEED are real hardware values through `@shimkit/os-unix`
 *   (`../tsc-source.ts`). Console bytes and the shutdown reason are
 *   recorded; a tiny xenstore answers `control/shutdown`.
 *
 * Test-side code (Node).
 */

import { os as unix } from '@shimkit/os-unix';
import type { SimulatedXenHost as XenHost } from './host.js';
import { createRealTsc, realCpuRng, type TscSource } from '../tsc-source.js';

/** `struct shared_info` offsets (x86-64), from xen.h / arch-x86/xen.h. */
const PAGE_SIZE = 4096;
const VCPU0_TIME = 32; // vcpu_info[0] at 0; .time at 32 (after pending, mask, pending_sel, arch)
const T_VERSION = 0;
const T_TSC = 8;
const T_STIME = 16;
const T_MUL = 24;
const T_SHIFT = 28;
const T_FLAGS = 29;
const EVTCHN_PENDING = 2048; // after vcpu_info[32] of 64 bytes
const EVTCHN_MASK = 2560; // after 64 xen_ulong_t
const PENDING_SEL = 8; // vcpu_info.evtchn_pending_sel
const WC_VERSION = 3072;
const WC_SEC = 3076;
const WC_NSEC = 3080;
const WC_SEC_HI = 3084;

const NS_PER_S = 1_000_000_000n;
const EPOCH_NS = 1_000_000_000n;

/** Xen's `set_time_scale(ts, ticks_per_sec)` (xen/arch/x86/time.c). */
export function xenTimeScale(ticksPerSec: number): { mul: number; shift: number } {
  let tps64 = BigInt(Math.round(ticksPerSec));
  let shift = 0;
  while (tps64 > 2n * NS_PER_S) {
    tps64 >>= 1n;
    shift--;
  }
  let tps32 = tps64;
  while (tps32 <= NS_PER_S) {
    tps32 <<= 1n;
    shift++;
  }
  // div_frac(MILLISECS(1000), tps32): (1e9 << 32) / tps32, a 0.32 fixed-point fraction.
  return { mul: Number((NS_PER_S << 32n) / tps32), shift };
}

/** Xen's `scale_delta(delta, scale)`: pre-shift, then (delta * mul_frac) >> 32. */
function xenScaleDelta(delta: bigint, mul: number, shift: number): bigint {
  const d = shift < 0 ? delta >> BigInt(-shift) : delta << BigInt(shift);
  return (d * BigInt(mul)) >> 32n;
}

export type MidReadMode =
  /** The whole update happens between the guest's version read and its field reads. */
  | 'update'
  /** The update starts (odd version, new tsc_timestamp) and finishes at the guest's next RDTSC. */
  | 'in-progress';

export interface XenSimulatorOptions {
  /** The TSC (default: the real one, see `../tsc-source.ts`). */
  tsc?: TscSource;
  /** The event-channel port of VIRQ_TIMER (default 3). */
  timerPort?: number;
  /** The event-channel port of the xenstore ring (default 1). */
  xenstorePort?: number;
  /** The guest command line (default empty). */
  cmdLine?: string;
  /** Period of the periodic timer in ns, or null to stop it (VCPUOP_stop_periodic_timer). Default 10 ms. */
  periodicTimerNs?: bigint | null;
  /** XEN_PVCLOCK_TSC_STABLE_BIT (default true). */
  tscStable?: boolean;
  /** Offer the host CPU's RDRAND/RDSEED (default true, when os-unix found them). */
  cpuRng?: boolean;
  /** The wall clock the host keeps (default: os-unix's `wallNs`, CLOCK_REALTIME). */
  wallNs?: () => bigint;
  /** Start an 'in-progress' update at every n-th RDTSC (finished at the next one). Default: never. */
  tearEvery?: number;
  /**
   * Offer `suspend()` (SCHEDOP_shutdown(SHUTDOWN_suspend)): `true` resumes the guest from its
   * saved image (returns 0), `'cancel'` cancels the suspend (returns 1). Default: not offered.
   */
  suspend?: boolean | 'cancel';
}

export class XenHostSimulator {
  readonly page = new ArrayBuffer(PAGE_SIZE);
  readonly view = new DataView(this.page);
  readonly host: XenHost;
  readonly tsc: TscSource;
  readonly mul: number;
  readonly shift: number;
  readonly bootTsc: bigint;
  /** Bumped on every write of the page by the host (for embeddings that mirror the page). */
  generation = 0;
  /** Completed updates of `vcpu_info[0].time`. */
  timeUpdates = 0;
  /** The value the last RDTSC returned. */
  lastRdtsc = 0n;
  /** Reason given to SCHEDOP_shutdown, once the guest shut down. */
  shutdownReason: number | null = null;
  /** Calls of SCHEDOP_block, and of those how long each blocked (ns of host time). */
  readonly blocks: bigint[] = [];
  readonly consoleBytes: number[] = [];
  readonly xenstore = new Map<string, string>();
  /** Calls of `suspend()` (SHUTDOWN_suspend). */
  suspends = 0;

  readonly #timerPort: number;
  readonly #xenstorePort: number;
  readonly #periodic: bigint | null;
  readonly #flags: number;
  readonly #wallNs: () => bigint;
  readonly #tearEvery: number;
  #rdtscCount = 0;
  readonly #sleepCell = new Int32Array(new SharedArrayBuffer(4));
  #timerDeadline = 0n;
  #nextPeriodic: bigint | null;
  #lastUpdateStime = 0n;
  #inject: MidReadMode | 'finish' | null = null;
  #pendingUpdate: { tsc: bigint; stime: bigint } | null = null;

  constructor(options: XenSimulatorOptions = {}) {
    this.tsc = options.tsc ?? createRealTsc();
    const { mul, shift } = xenTimeScale(this.tsc.hz);
    this.mul = mul;
    this.shift = shift;
    this.#timerPort = options.timerPort ?? 3;
    this.#xenstorePort = options.xenstorePort ?? 1;
    this.#periodic = options.periodicTimerNs === undefined ? 10_000_000n : options.periodicTimerNs;
    this.#flags = options.tscStable === false ? 0 : 1;
    this.#wallNs = options.wallNs ?? (() => unix.time.wallNs());
    this.#tearEvery = options.tearEvery ?? 0;
    // Simulated boot: as long ago as the host process started.
    const tsc0 = this.tsc.read();
    this.bootTsc = tsc0 - BigInt(Math.round(this.tsc.hz * process.uptime()));
    this.#nextPeriodic = this.#periodic === null ? null : this.systemTimeAt(tsc0) + this.#periodic;
    this.updateTime();
    this.setWallClock(this.#wallNs());

    const rng = options.cpuRng === false ? {} : realCpuRng();
    const cmd = new TextEncoder().encode(options.cmdLine ?? '');
    const host: XenHost = {
      sharedInfo: this.view,
      rdtsc: () => this.#rdtsc(),
      console_io_write: (bytes) => {
        for (const b of bytes) this.consoleBytes.push(b);
      },
      set_timer_op: (deadline) => this.#setTimer(deadline),
      sched_op_block: () => this.#block(),
      sched_op_shutdown: (reason) => {
        this.shutdownReason = reason;
      },
      timerPort: this.#timerPort,
      cmdLine: cmd,
      xenstore_read: (path) => this.xenstore.get(path) ?? null,
      xenstore_write: (path, value) => {
        this.xenstore.set(path, value);
      },
    };
    if (rng.rdrand) host.rdrand = rng.rdrand;
    if (rng.rdseed) host.rdseed = rng.rdseed;
    if (rng.cpuid) host.cpuid = rng.cpuid;
    if (options.suspend) {
      const cancelled = options.suspend === 'cancel';
      host.suspend = () => {
        // The domain is saved and later restored: its vCPU time record is rewritten on restore.
        this.suspends++;
        this.updateTime();
        return cancelled ? 1 : 0;
      };
    }
    this.host = host;
  }

  /** Xen system time (ns since the simulated boot) at `tsc`: Xen's own NOW(). */
  systemTimeAt(tsc: bigint): bigint {
    return xenScaleDelta(tsc - this.bootTsc, this.mul, this.shift);
  }

  /** The exact system time at `tsc` from the calibrated frequency, without fixed-point rounding. */
  exactSystemTimeAt(tsc: bigint): number {
    return (Number(tsc - this.bootTsc) / this.tsc.hz) * 1e9;
  }

  /** The wall-clock base (wall time at system time 0) in ns, as last published. */
  get wallClockBaseNs(): bigint {
    const sec = (BigInt(this.view.getUint32(WC_SEC_HI, true)) << 32n) | BigInt(this.view.getUint32(WC_SEC, true));
    return sec * NS_PER_S + BigInt(this.view.getUint32(WC_NSEC, true));
  }

  /** The console output as text. */
  consoleText(): string {
    return new TextDecoder().decode(Uint8Array.from(this.consoleBytes));
  }

  /** Rewrites `vcpu_info[0].time` from the current TSC (`update_vcpu_system_time`). */
  updateTime(): void {
    const tsc = this.tsc.read();
    this.#beginUpdate(tsc);
    this.#finishUpdate();
  }

  /** Makes the guest's next RDTSC fall inside an update of `vcpu_info[0].time`. */
  injectMidRead(mode: MidReadMode): void {
    this.#inject = mode;
  }

  /** Sets the wall clock (as `XENPF_settime` does): the base becomes `wallNs - system time now`. */
  setWallClock(wallNs: bigint): void {
    const base = wallNs - this.systemTimeAt(this.tsc.read());
    const sec = base / NS_PER_S;
    const v = this.view;
    v.setUint32(WC_VERSION, (v.getUint32(WC_VERSION, true) + 1) >>> 0, true);
    v.setUint32(WC_SEC, Number(sec & 0xffffffffn), true);
    v.setUint32(WC_NSEC, Number(base % NS_PER_S), true);
    v.setUint32(WC_SEC_HI, Number(sec >> 32n), true);
    v.setUint32(WC_VERSION, (v.getUint32(WC_VERSION, true) + 1) >>> 0, true);
    this.generation++;
  }

  /** Marks `port` pending as `evtchn_2l_set_pending` does, raising the upcall if unmasked. */
  sendEvent(port: number): void {
    const v = this.view;
    const word = port >>> 6;
    const bit = 1n << BigInt(port & 63);
    const pendingAt = EVTCHN_PENDING + word * 8;
    const before = v.getBigUint64(pendingAt, true);
    if ((before & bit) !== 0n) return;
    v.setBigUint64(pendingAt, before | bit, true);
    this.generation++;
    if ((v.getBigUint64(EVTCHN_MASK + word * 8, true) & bit) !== 0n) return;
    const sel = v.getBigUint64(PENDING_SEL, true);
    const selBit = 1n << BigInt(word);
    if ((sel & selBit) !== 0n) return;
    v.setBigUint64(PENDING_SEL, sel | selBit, true);
    v.setUint8(0, 1); // vcpu_info[0].evtchn_upcall_pending
  }

  /** Whether `port`'s pending bit is set. */
  isPending(port: number): boolean {
    return (this.view.getBigUint64(EVTCHN_PENDING + (port >>> 6) * 8, true) & (1n << BigInt(port & 63))) !== 0n;
  }

  /** The toolstack asks the guest to shut down (`xl shutdown` / `xl reboot`). */
  requestShutdown(kind: 'poweroff' | 'reboot' | 'halt' | 'suspend'): void {
    this.xenstore.set('control/shutdown', kind);
    this.sendEvent(this.#xenstorePort);
  }

  #beginUpdate(tsc: bigint): void {
    const v = this.view;
    const stime = this.systemTimeAt(tsc);
    v.setUint32(VCPU0_TIME + T_VERSION, ((v.getUint32(VCPU0_TIME + T_VERSION, true) + 1) | 1) >>> 0, true);
    v.setBigUint64(VCPU0_TIME + T_TSC, tsc, true);
    this.#pendingUpdate = { tsc, stime };
    this.generation++;
  }

  #finishUpdate(): void {
    const v = this.view;
    const u = this.#pendingUpdate!;
    v.setBigUint64(VCPU0_TIME + T_STIME, u.stime, true);
    v.setUint32(VCPU0_TIME + T_MUL, this.mul, true);
    v.setInt8(VCPU0_TIME + T_SHIFT, this.shift);
    v.setUint8(VCPU0_TIME + T_FLAGS, this.#flags);
    v.setUint32(VCPU0_TIME + T_VERSION, (v.getUint32(VCPU0_TIME + T_VERSION, true) + 1) >>> 0, true);
    this.#pendingUpdate = null;
    this.#lastUpdateStime = u.stime;
    this.timeUpdates++;
    this.generation++;
  }

  #rdtsc(): bigint {
    const tsc = this.tsc.read();
    this.#rdtscCount++;
    if (this.#tearEvery > 0 && this.#inject === null && this.#rdtscCount % this.#tearEvery === 0) {
      this.#inject = 'in-progress';
    }
    const mode = this.#inject;
    if (mode === 'update') {
      this.#inject = null;
      this.updateTime(); // reads a later TSC: the record is now newer than `tsc`
    } else if (mode === 'in-progress') {
      this.#inject = 'finish';
      this.#beginUpdate(this.tsc.read());
    } else if (mode === 'finish') {
      this.#inject = null;
      this.#finishUpdate();
    } else if (this.#pendingUpdate === null && this.systemTimeAt(tsc) - this.#lastUpdateStime >= EPOCH_NS) {
      this.updateTime(); // the once-per-epoch calibration update
    }
    this.lastRdtsc = tsc;
    return tsc;
  }

  #setTimer(deadline: bigint): void {
    this.#timerDeadline = deadline;
    if (deadline !== 0n && deadline <= this.systemTimeAt(this.tsc.read())) {
      this.#timerDeadline = 0n;
      this.sendEvent(this.#timerPort);
    }
  }

  #block(): void {
    const start = process.hrtime.bigint();
    const v = this.view;
    for (;;) {
      if (v.getUint8(0) !== 0 && v.getUint8(1) === 0) break; // local_events_need_delivery()
      const now = this.systemTimeAt(this.tsc.read());
      if (this.#timerDeadline !== 0n && now >= this.#timerDeadline) {
        this.#timerDeadline = 0n;
        this.sendEvent(this.#timerPort);
        continue;
      }
      if (this.#nextPeriodic !== null && now >= this.#nextPeriodic) {
        while (this.#nextPeriodic <= now) this.#nextPeriodic += this.#periodic!;
        this.sendEvent(this.#timerPort);
        continue;
      }
      let until = this.#timerDeadline !== 0n ? this.#timerDeadline : null;
      if (this.#nextPeriodic !== null && (until === null || this.#nextPeriodic < until)) until = this.#nextPeriodic;
      if (until === null) throw new Error('SCHEDOP_block with no timer and no event source: the guest would sleep forever');
      Atomics.wait(this.#sleepCell, 0, 0, Number(until - now) / 1e6);
    }
    this.blocks.push(process.hrtime.bigint() - start);
    this.updateTime(); // scheduled back in
  }
}

/**
 * Xen PV clock ("pvclock"): the guest's system time from `vcpu_time_info`, as Linux's
 * `pvclock_clocksource_read` and Mini-OS's `monotonic_clock` compute it.
 *
 *   delta = (TSC - tsc_timestamp) mod 2^64
 *   delta = tsc_shift >= 0 ? delta << tsc_shift : delta >> -tsc_shift     (mod 2^64)
 *   ns    = system_time + ((delta * tsc_to_system_mul) >> 32)              (bits 32..95)
 *
 * The record is guarded by a version seqlock: Xen increments `version` before and after each
 * update, so a reader takes `version & ~1`, reads the TSC and the fields, and starts again if
 * `version` is then different (which also catches an odd, in-progress version). A time computed
 * from a torn record is never returned. The wall clock is the `wc_*` base (wall time at system
 * time 0, under its own `wc_version` seqlock) plus system time.
 */

import { PvclockError } from './errors.js';
import { SHARED_INFO, TIME_INFO, timeInfoOffset } from './shared-info.js';

const MASK64 = (1n << 64n) - 1n;

/** A consistent snapshot of one `vcpu_time_info`. */
export interface TimeInfo {
  readonly version: number;
  readonly tscTimestamp: bigint;
  readonly systemTime: bigint;
  readonly tscToSystemMul: number;
  readonly tscShift: number;
  readonly flags: number;
}

/** Scales a TSC delta to nanoseconds: the 64x32 -> upper-64 multiply of `pvclock_scale_delta`. */
export function scaleDelta(delta: bigint, mul: number, shift: number): bigint {
  let d = delta & MASK64;
  d = shift >= 0 ? (d << BigInt(shift)) & MASK64 : d >> BigInt(-shift);
  return ((d * BigInt(mul >>> 0)) >> 32n) & MASK64;
}

/** System time at `tsc` under `info`. */
export function systemTimeAt(info: TimeInfo, tsc: bigint): bigint {
  return (info.systemTime + scaleDelta(tsc - info.tscTimestamp, info.tscToSystemMul, info.tscShift)) & MASK64;
}

/** Reads the fields of the record at `offset` (no seqlock: callers check the version). */
export function readTimeInfoFields(page: DataView, offset: number): TimeInfo {
  return {
    version: page.getUint32(offset + TIME_INFO.version, true),
    tscTimestamp: page.getBigUint64(offset + TIME_INFO.tscTimestamp, true),
    systemTime: page.getBigUint64(offset + TIME_INFO.systemTime, true),
    tscToSystemMul: page.getUint32(offset + TIME_INFO.tscToSystemMul, true),
    tscShift: page.getInt8(offset + TIME_INFO.tscShift),
    flags: page.getUint8(offset + TIME_INFO.flags),
  };
}

/** A system-time reading: the value, and what it was computed from. */
export interface PvclockReading {
  readonly ns: bigint;
  readonly tsc: bigint;
  readonly info: TimeInfo;
  /** How many times the seqlock made the reader start again. */
  readonly retries: number;
}

/** More than this many consecutive torn reads means the host never finishes an update. */
export const MAX_PVCLOCK_RETRIES = 10_000;

/** Reads the system time of `vcpu` under the version seqlock. */
export function readSystemTime(page: DataView, rdtsc: () => bigint, vcpu = 0): PvclockReading {
  const offset = timeInfoOffset(vcpu);
  for (let retries = 0; retries <= MAX_PVCLOCK_RETRIES; retries++) {
    const version = page.getUint32(offset + TIME_INFO.version, true) & ~1;
    const tsc = rdtsc();
    const info = readTimeInfoFields(page, offset);
    if (page.getUint32(offset + TIME_INFO.version, true) === version >>> 0) {
      return { ns: systemTimeAt(info, tsc), tsc, info, retries };
    }
  }
  throw new PvclockError(
    `vcpu_time_info of vCPU ${vcpu} changed during each of ${MAX_PVCLOCK_RETRIES + 1} reads; ` +
      'the host must finish each update (even version) between guest reads',
  );
}

/** A consistent snapshot of the wall-clock base. */
export interface WallClockBase {
  readonly version: number;
  /** Wall-clock time at system time 0, in ns since the Unix epoch. */
  readonly ns: bigint;
}

/** Reads `wc_sec_hi:wc_sec` and `wc_nsec` under the `wc_version` seqlock. */
export function readWallClockBase(page: DataView): WallClockBase {
  for (let retries = 0; retries <= MAX_PVCLOCK_RETRIES; retries++) {
    const version = page.getUint32(SHARED_INFO.wcVersion, true);
    const lo = page.getUint32(SHARED_INFO.wcSec, true);
    const nsec = page.getUint32(SHARED_INFO.wcNsec, true);
    const hi = page.getUint32(SHARED_INFO.wcSecHi, true);
    if ((version & 1) === 0 && page.getUint32(SHARED_INFO.wcVersion, true) === version) {
      const sec = (BigInt(hi) << 32n) | BigInt(lo);
      return { version, ns: sec * 1_000_000_000n + BigInt(nsec) };
    }
  }
  throw new PvclockError(`wc_version changed during each of ${MAX_PVCLOCK_RETRIES + 1} reads of the wall clock`);
}

import { describe, expect, it } from 'vitest';
import { createXenBackend } from './xen/os.js';
import { readSystemTime, readWallClockBase, scaleDelta } from './pvclock.js';
import { SHARED_INFO, TIME_INFO, timeInfoOffset } from './shared-info.js';
import { XenHostSimulator, xenTimeScale } from '@shimkit/testkit/xen';

// Independent restatement of the ABI for the cross-checks (xen.h, x86-64): vcpu_info[0].time
// is at byte 32 of the page; wc_version/wc_sec/wc_nsec/wc_sec_hi at 0xC00.
const REF = { time: 32, version: 32, tsc: 40, stime: 48, mul: 56, shift: 60, flags: 61, wcVersion: 0xc00 };

interface Record {
  version: number;
  tsc: bigint;
  stime: bigint;
  mul: bigint;
  shift: number;
}

function record(v: DataView): Record {
  return {
    version: v.getUint32(REF.version, true),
    tsc: v.getBigUint64(REF.tsc, true),
    stime: v.getBigUint64(REF.stime, true),
    mul: BigInt(v.getUint32(REF.mul, true)),
    shift: v.getInt8(REF.shift),
  };
}

/** pvclock by plain rational arithmetic: stime + floor((tsc - ts) * 2^shift * mul / 2^32). */
function reference(r: Record, tsc: bigint): bigint {
  const delta = tsc - r.tsc;
  const num = r.shift >= 0 ? delta * 2n ** BigInt(r.shift) * r.mul : delta * r.mul;
  const den = r.shift >= 0 ? 2n ** 32n : 2n ** 32n * 2n ** BigInt(-r.shift);
  // Pre-shifting right truncates first, as Xen and Linux do.
  const exact = r.shift >= 0 ? num / den : ((delta / 2n ** BigInt(-r.shift)) * r.mul) / 2n ** 32n;
  return r.stime + exact;
}

describe('layout', () => {
  it('matches xen.h for x86-64', () => {
    expect(timeInfoOffset(0)).toBe(32);
    expect(timeInfoOffset(1)).toBe(96);
    expect(TIME_INFO).toMatchObject({ version: 0, tscTimestamp: 8, systemTime: 16, tscToSystemMul: 24, tscShift: 28, flags: 29, size: 32 });
    expect(SHARED_INFO).toEqual({
      vcpuInfo: 0,
      evtchnPending: 2048,
      evtchnMask: 2560,
      wcVersion: 3072,
      wcSec: 3076,
      wcNsec: 3080,
      wcSecHi: 3084,
      arch: 3088,
    });
  });
});

describe('scaleDelta', () => {
  it('is the 64x32 -> upper-64 multiply after the pre-shift', () => {
    // 3 GHz: Xen's set_time_scale gives shift -1, mul = floor(2^32 * 1e9 / 1.5e9).
    expect(scaleDelta(3_000_000_000n, 2863311530, -1)).toBe(999_999_999n);
    expect(scaleDelta(2_000_000_000n, 2 ** 31, 1)).toBe(2_000_000_000n);
    expect(scaleDelta(0n, 0xffffffff, 5)).toBe(0n);
    // Largest mul and a delta whose product needs all 96 bits.
    expect(scaleDelta((1n << 64n) - 1n, 0xffffffff, 0)).toBe((((1n << 64n) - 1n) * 0xffffffffn) >> 32n);
    // Left shifts wrap at 64 bits, like the u64 in pvclock_scale_delta.
    expect(scaleDelta(1n << 63n, 2 ** 31, 1)).toBe(0n);
    // A "negative" delta (torn read) is a huge unsigned one, never a small negative time.
    expect(scaleDelta(-1n, 2 ** 31, 1)).toBe(((((1n << 64n) - 1n) << 1n) & ((1n << 64n) - 1n)) >> 1n);
  });

  it('agrees with the rational reference for many values', () => {
    let x = 0x9e3779b97f4a7c15n;
    for (let i = 0; i < 2000; i++) {
      x = (x * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
      const delta = x >> BigInt(20 + (i % 20));
      const mul = Number(x & 0xffffffffn);
      const shift = (i % 9) - 4;
      const r = { version: 0, tsc: 0n, stime: 0n, mul: BigInt(mul), shift };
      if (shift > 0 && delta << BigInt(shift) >= 1n << 64n) continue;
      expect(scaleDelta(delta, mul, shift)).toBe(reference(r, delta));
    }
  });
});

describe('xenTimeScale (the simulator\'s set_time_scale)', () => {
  it('gives the mul/shift Xen computes for common TSC frequencies', () => {
    expect(xenTimeScale(3e9)).toEqual({ mul: 2863311530, shift: -1 });
    expect(xenTimeScale(2.5e9)).toEqual({ mul: 3435973836, shift: -1 });
    expect(xenTimeScale(1e9)).toEqual({ mul: 2 ** 31, shift: 1 });
    expect(xenTimeScale(5e8)).toEqual({ mul: 2 ** 31, shift: 2 });
  });
});

describe('reading vcpu_time_info', () => {
  it('computes exactly what the rational reference computes from the published record', () => {
    const sim = new XenHostSimulator();
    const rdtsc = sim.host.rdtsc;
    for (let i = 0; i < 200; i++) {
      const r = readSystemTime(sim.view, rdtsc);
      expect(r.retries).toBe(0);
      expect(r.ns).toBe(reference(record(sim.view), r.tsc));
      // And within a microsecond of the calibrated frequency's exact value.
      expect(Math.abs(Number(r.ns) - sim.exactSystemTimeAt(r.tsc))).toBeLessThan(1000);
    }
  });

  it('retries an update that happens between the version read and the field reads', () => {
    const sim = new XenHostSimulator();
    const before = record(sim.view);
    sim.injectMidRead('update');
    const r = readSystemTime(sim.view, sim.host.rdtsc);
    expect(r.retries).toBe(1);
    const after = record(sim.view);
    expect(after.version).toBe(before.version + 2);
    expect(r.ns).toBe(reference(after, r.tsc));

    // The torn combination the first attempt saw: a TSC older than the new tsc_timestamp.
    sim.injectMidRead('update');
    const tscTorn = sim.host.rdtsc();
    const newer = record(sim.view);
    expect(tscTorn < newer.tsc).toBe(true);
    const torn = newer.stime + scaleDelta(tscTorn - newer.tsc, Number(newer.mul), newer.shift);
    expect(torn - reference(newer, newer.tsc)).toBeGreaterThan(10n ** 15n); // centuries off
  });

  it('never returns a value from an odd (in-progress) record', () => {
    const sim = new XenHostSimulator();
    sim.injectMidRead('in-progress');
    const r = readSystemTime(sim.view, sim.host.rdtsc);
    expect(r.retries).toBe(2);
    expect(r.info.version % 2).toBe(0);
    expect(r.ns).toBe(reference(record(sim.view), r.tsc));
  });

  it('throws ERR_PVCLOCK_UNSTABLE when the host never finishes an update', () => {
    const sim = new XenHostSimulator();
    sim.view.setUint32(REF.version, 7, true);
    expect(() => readSystemTime(sim.view, sim.host.rdtsc)).toThrow(expect.objectContaining({ code: 'ERR_PVCLOCK_UNSTABLE' }));
    sim.view.setUint32(REF.wcVersion, 9, true);
    expect(() => readWallClockBase(sim.view)).toThrow(expect.objectContaining({ code: 'ERR_PVCLOCK_UNSTABLE' }));
  });

  it('keeps the backend monotonic and untorn across updates injected into many reads', () => {
    const sim = new XenHostSimulator();
    const { os, status } = createXenBackend(sim.host);
    let last = os.time.monotonicNs();
    let injected = 0;
    for (let i = 0; i < 3000; i++) {
      if (i % 7 === 0) {
        sim.injectMidRead(i % 14 === 0 ? 'update' : 'in-progress');
        injected += i % 14 === 0 ? 1 : 2;
      }
      const now = os.time.monotonicNs();
      expect(now >= last).toBe(true);
      expect(Math.abs(Number(now) - sim.exactSystemTimeAt(sim.lastRdtsc))).toBeLessThan(1000);
      last = now;
    }
    expect(status().pvclockRetries).toBe(injected);
  });
});

describe('wall clock', () => {
  it('is the wc_* base plus system time, including wc_sec_hi', () => {
    const sim = new XenHostSimulator();
    const { os } = createXenBackend(sim.host);
    expect(Math.abs(Number(os.time.wallNs() / 1_000_000n) - Date.now())).toBeLessThan(50);
    // Year 2300: seconds above 2^32 need wc_sec_hi.
    const year2300 = 10_413_792_000n * 1_000_000_000n;
    sim.setWallClock(year2300);
    expect(sim.view.getUint32(SHARED_INFO.wcSecHi, true)).toBe(2);
    const wall = os.time.wallNs();
    expect(wall - year2300).toBeGreaterThanOrEqual(0n);
    expect(wall - year2300).toBeLessThan(50_000_000n);
    expect(readWallClockBase(sim.view).ns).toBe(sim.wallClockBaseNs);
  });
});

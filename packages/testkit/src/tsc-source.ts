/**
 * A 64-bit time-stamp counter for host simulators, fed by real hardware: os-unix's cycle
 * counter (RDTSC through its N-API addon when it loads, `process.hrtime` in its fallback — see
 * `origin`), which gives the low 32 bits, extended to 64 bits the way a wrapping counter is
 * unwrapped: each read is placed at the value with those low bits nearest to an estimate made
 * from the monotonic clock and the calibrated frequency (the estimate is off by far less than
 * 2^31 ticks between reads). The high bits start at the value the counter would have had if
 * it had run since the host booted, so guests see realistic, large TSC values. Never goes back.
 *
 * Test-side code (Node): not part of the backend's runtime.
 */

import type { Cpuid } from '@shimkit/os-shim/cpu-rng';
import { os as unix, cpuid as unixCpuid, status as unixStatus } from '@shimkit/os-unix';

export interface TscSource {
  /** The next 64-bit counter value (strictly increasing). */
  read(): bigint;
  /** Calibrated ticks per second. */
  readonly hz: number;
  /** What the low 32 bits come from. */
  readonly origin: string;
}

/** How long the frequency is calibrated against the monotonic clock. */
const CALIBRATION_NS = 30_000_000n;
/** A counter reading counts for calibration only if the two clock reads around it are this close. */
const TIGHT_NS = 20_000n;

export function createRealTsc(): TscSource {
  const low32 = (): number => unix.cpu.cycles();
  const hr = (): bigint => process.hrtime.bigint();
  // Calibrate: follow the counter closely (reads microseconds apart never wrap twice), and
  // measure the rate between the first and the last *tight* readings — a counter read bracketed
  // by two clock reads less than 20 µs apart — so that the process being descheduled between a
  // counter read and a clock read (a loaded machine) cannot skew the frequency.
  let prevLow = low32();
  let ticks = 0n;
  let first: { hr: bigint; ticks: bigint } | undefined;
  let lastTight: { hr: bigint; ticks: bigint } | undefined;
  let hrEnd = hr();
  const hr0 = hrEnd;
  while (!first || !lastTight || lastTight.hr - first.hr < CALIBRATION_NS) {
    const before = hr();
    const l = low32();
    hrEnd = hr();
    ticks += BigInt((l - prevLow) >>> 0);
    prevLow = l;
    if (hrEnd - before < TIGHT_NS) {
      const sample = { hr: (before + hrEnd) / 2n, ticks };
      if (!first) first = sample;
      lastTight = sample;
    }
    if (hrEnd - hr0 > 100n * CALIBRATION_NS) throw new Error('createRealTsc: no tight counter readings in 3 s');
  }
  const perNs = Number(lastTight.ticks - first.ticks) / Number(lastTight.hr - first.hr);
  // Start as if counting since the host booted (hrtime's origin), aligned to the real low bits.
  const boot = BigInt(Math.round(Number(hrEnd) * perNs));
  let last = boot - (boot & 0xffffffffn) + BigInt(prevLow);
  let lastHr = hrEnd;
  const s = unixStatus();
  return {
    hz: perNs * 1e9,
    origin: `${s.cycleCounter} via @shimkit/os-unix (${s.path})`,
    read(): bigint {
      const low = low32();
      const now = hr();
      const est = last + BigInt(Math.round(Number(now - lastHr) * perNs));
      const diff = (low - Number(est & 0xffffffffn)) | 0;
      let t = est + BigInt(diff);
      if (t <= last) t = last + 1n;
      last = t;
      lastHr = now;
      return t;
    },
  };
}

/** What `realCpuRng` hands a simulator's host. */
export interface RealCpuRng {
  rdrand?: () => bigint | null;
  rdseed?: () => bigint | null;
  cpuid?: Cpuid;
}

/**
 * RDRAND / RDSEED for simulators: os-unix's, when its addon found them and they passed the
 * policy, as single instructions (a failed draw becomes a clear carry, all-ones stays all-ones),
 * with the real CPUID.
 */
export function realCpuRng(): RealCpuRng {
  const ALL_ONES = (1n << 64n) - 1n;
  const wrap = (draw: () => { ok: boolean; value?: bigint; reason?: string }) => (): bigint | null => {
    const r = draw();
    if (r.ok) return r.value!;
    return r.reason === 'all-ones' ? ALL_ONES : null;
  };
  const out: RealCpuRng = {};
  const cpu = unix.cpu;
  if (cpu.rdrand) out.rdrand = wrap(() => cpu.rdrand!());
  if (cpu.rdseed) out.rdseed = wrap(() => cpu.rdseed!());
  if ((out.rdrand || out.rdseed) && unixCpuid) out.cpuid = unixCpuid;
  return out;
}

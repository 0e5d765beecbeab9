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

import { os as unix, status as unixStatus } from '@shimkit/os-unix';

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

export function createRealTsc(): TscSource {
  const low32 = (): number => unix.cpu.cycles();
  const hr = (): bigint => process.hrtime.bigint();
  // Calibrate: follow the counter closely (reads microseconds apart never wrap twice).
  let prevLow = low32();
  const hr0 = hr();
  let ticks = 0n;
  let hrEnd = hr0;
  while (hrEnd - hr0 < CALIBRATION_NS) {
    const l = low32();
    hrEnd = hr();
    ticks += BigInt((l - prevLow) >>> 0);
    prevLow = l;
  }
  const perNs = Number(ticks) / Number(hrEnd - hr0);
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

/** RDRAND / RDSEED for simulators: os-unix's, when its addon found them, as single instructions. */
export function realCpuRng(): { rdrand?: () => bigint | null; rdseed?: () => bigint | null } {
  const ALL_ONES = (1n << 64n) - 1n;
  const wrap = (draw: () => { ok: boolean; value?: bigint; reason?: string }) => (): bigint | null => {
    const r = draw();
    if (r.ok) return r.value!;
    return r.reason === 'all-ones' ? ALL_ONES : null;
  };
  const out: { rdrand?: () => bigint | null; rdseed?: () => bigint | null } = {};
  const cpu = unix.cpu;
  if (cpu.rdrand) out.rdrand = wrap(() => cpu.rdrand!());
  if (cpu.rdseed) out.rdseed = wrap(() => cpu.rdseed!());
  return out;
}

/**
 * A Solo5 host (tender) for tests and bare-engine runs: it implements the `Solo5Host` ABI on
 * real clocks and a real, blocking yield, as the `spt` tender does on Linux:
 *
 * - `solo5_clock_monotonic`: CLOCK_MONOTONIC (`process.hrtime.bigint()`).
 * - `solo5_clock_wall`: CLOCK_REALTIME (os-unix's `time.wallNs`, from its addon when it loads).
 * - `solo5_yield(deadline)`: blocks the thread (`Atomics.wait` on a shared cell, no spinning)
 *   until `deadline` or until a handle is marked ready — by `signal(handle)` before the call,
 *   or from another thread through `readyCell` (`Atomics.or` the bit, then `Atomics.notify`).
 *   Returns and clears the ready set; a past deadline returns at once.
 * - `solo5_console_write` / `solo5_exit`: recorded.
 * - `cpu_cycles`, `rdrand`, `rdseed`: the real CPU through `@shimkit/os-unix`
 *   (`../tsc-source.ts`).
 *
 * Test-side code (Node).
 */

import { os as unix } from '@shimkit/os-unix';
import type { SimulatedSolo5Host as Solo5Host } from './host.js';
import { createRealTsc, realCpuRng, type TscSource } from '../tsc-source.js';

export interface Solo5SimulatorOptions {
  /** The command line (default empty). */
  cmdline?: string;
  /** The cycle counter (default: the real one). */
  tsc?: TscSource;
  /** Offer the host CPU's RDRAND/RDSEED (default true, when os-unix found them). */
  cpuRng?: boolean;
}

export class Solo5HostSimulator {
  readonly host: Solo5Host;
  readonly tsc: TscSource;
  /** Ready handles as bits of a 32-bit word, shared so another thread can signal (index 0). */
  readonly readyCell = new Int32Array(new SharedArrayBuffer(4));
  readonly consoleBytes: number[] = [];
  /** Status passed to `solo5_exit`, once called. */
  exitStatus: number | null = null;
  /**
   * Each `solo5_yield`: the requested deadline, how long it really blocked, the monotonic time
   * it returned at (all ns) and the ready set it returned.
   */
  readonly yields: { deadline: bigint; blockedNs: bigint; returnedAt: bigint; ready: bigint }[] = [];

  constructor(options: Solo5SimulatorOptions = {}) {
    this.tsc = options.tsc ?? createRealTsc();
    const rng = options.cpuRng === false ? {} : realCpuRng();
    const host: Solo5Host = {
      solo5_clock_monotonic: () => process.hrtime.bigint(),
      solo5_clock_wall: () => unix.time.wallNs(),
      solo5_yield: (deadline) => this.#yield(deadline),
      solo5_console_write: (bytes) => {
        for (const b of bytes) this.consoleBytes.push(b);
      },
      solo5_exit: (status) => {
        this.exitStatus = status;
      },
      cmdline: new TextEncoder().encode(options.cmdline ?? ''),
      cpu_cycles: () => this.tsc.read(),
    };
    if (rng.rdrand) host.rdrand = rng.rdrand;
    if (rng.rdseed) host.rdseed = rng.rdseed;
    if (rng.cpuid) host.cpuid = rng.cpuid;
    this.host = host;
  }

  /** Marks `handle` (0..31) ready, as a network or block device with pending I/O would be. */
  signal(handle: number): void {
    Atomics.or(this.readyCell, 0, 1 << handle);
    Atomics.notify(this.readyCell, 0);
  }

  consoleText(): string {
    return new TextDecoder().decode(Uint8Array.from(this.consoleBytes));
  }

  #yield(deadline: bigint): bigint {
    const start = process.hrtime.bigint();
    for (;;) {
      const set = Atomics.exchange(this.readyCell, 0, 0);
      if (set !== 0) return this.#record(deadline, start, BigInt(set >>> 0));
      const now = process.hrtime.bigint();
      if (now >= deadline) return this.#record(deadline, start, 0n);
      Atomics.wait(this.readyCell, 0, 0, Number(deadline - now) / 1e6);
    }
  }

  #record(deadline: bigint, start: bigint, ready: bigint): bigint {
    const now = process.hrtime.bigint();
    this.yields.push({ deadline, blockedNs: now - start, returnedAt: now, ready });
    return ready;
  }
}

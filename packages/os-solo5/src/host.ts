/**
 * The Solo5 host ABI: what an embedding (a JavaScript engine linked into a Solo5 unikernel)
 * hands to this backend. Each member wraps one call of Solo5's public interface (`solo5.h`)
 * with its name and units — the JavaScript counterpart of the small C platform API an embedding
 * provides in Wasmtime's min-platform example (`wasmtime-platform.h`) — plus the CPU's cycle
 * counter and RNG instructions, which Solo5 does not wrap (the guest executes them directly).
 *
 * The embedding installs the object before the backend is first used, either by calling
 * `bindHost(host)` from `@shimkit/os-solo5` or by setting `globalThis.__shimkitSolo5Host`
 * (for a bare engine). See `./bind.ts`.
 */

import type { Cpuid, CpuidRegisters, CpuRngDraw } from '@shimkit/os-unikernel/cpu';

/** One execution of RDRAND/RDSEED: the 64-bit destination register (unsigned or BigInt64), or `null` when CF was clear. */
export type { Cpuid, CpuidRegisters, CpuRngDraw };

export interface Solo5Host {
  /** `solo5_clock_monotonic()`: nanoseconds since an unspecified point, never decreasing. */
  solo5_clock_monotonic(): bigint;
  /** `solo5_clock_wall()`: nanoseconds since the Unix epoch (wall clock; may jump). */
  solo5_clock_wall(): bigint;
  /**
   * `solo5_yield(deadline, &ready_set)`: suspend until monotonic time `deadline` (ns) or until a
   * handle is ready; returns `ready_set` (bit `h` set when handle `h` is ready; 0 at the
   * deadline). A deadline in the past returns at once with the current readiness.
   */
  solo5_yield(deadline: bigint): bigint;
  /** `solo5_console_write(buf, size)`: raw bytes to the console. */
  solo5_console_write(bytes: Uint8Array): void;
  /**
   * `solo5_exit(status)`: end the unikernel with `status` (SOLO5_EXIT_SUCCESS = 0,
   * SOLO5_EXIT_FAILURE = 1, ...). Does not return on Solo5; if it does (a simulator), the
   * backend stops the guest program itself.
   */
  solo5_exit(status: number): void;
  /** `solo5_start_info.cmdline`: the command line bytes (up to, not including, the NUL). */
  readonly cmdline: Uint8Array;
  /** The CPU cycle counter: RDTSC on x86-64, CNTVCT_EL0 on aarch64, as a 64-bit value. */
  cpu_cycles(): bigint;
  /** OPTIONAL (x86-64 with RDRAND): one RDRAND instruction; `null` when CF was clear. */
  rdrand?(): CpuRngDraw;
  /** OPTIONAL (x86-64 with RDSEED): one RDSEED instruction; as `rdrand`. */
  rdseed?(): CpuRngDraw;
  /**
   * CPUID (`leaf` in EAX, `subleaf` in ECX) → `[eax, ebx, ecx, edx]`, each a uint32. REQUIRED
   * when `rdrand` or `rdseed` is offered: the CPU-RNG policy reads the vendor and family
   * (leaves 0 and 1) to exclude AMD families before 17h (`@shimkit/os-shim/cpu-rng`).
   */
  cpuid?(leaf: number, subleaf: number): CpuidRegisters;
}

/** `SOLO5_EXIT_SUCCESS`, `SOLO5_EXIT_FAILURE`, `SOLO5_EXIT_ABORT` from solo5.h. */
export const SOLO5_EXIT_SUCCESS = 0;
export const SOLO5_EXIT_FAILURE = 1;
export const SOLO5_EXIT_ABORT = 255;

/**
 * The Solo5 host ABI as the simulator implements it, restated from the ABI's definition
 * (`@shimkit/os-solo5`'s `Solo5Host`, itself from `solo5.h`) rather than imported: the testkit
 * does not depend on the backend it tests, and `bindHost(sim.host)` in a test has TypeScript
 * check that the two agree.
 */

import type { CpuidRegisters } from '@shimkit/os-shim/cpu-rng';

export interface SimulatedSolo5Host {
  solo5_clock_monotonic(): bigint;
  solo5_clock_wall(): bigint;
  solo5_yield(deadline: bigint): bigint;
  solo5_console_write(bytes: Uint8Array): void;
  solo5_exit(status: number): void;
  readonly cmdline: Uint8Array;
  cpu_cycles(): bigint;
  rdrand?(): bigint | null;
  rdseed?(): bigint | null;
  cpuid?(leaf: number, subleaf: number): CpuidRegisters;
}

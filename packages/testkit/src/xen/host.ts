/**
 * The Xen host ABI as the simulator implements it, restated from the ABI's definition
 * (`@shimkit/os-xen`'s `XenHost`, itself from Xen's public headers) rather than imported: the
 * testkit does not depend on the backend it tests, and a test that binds `sim.host` to the
 * backend (`bindHost(sim.host)`) has TypeScript check that the two agree.
 */

import type { CpuidRegisters } from '@shimkit/os-shim/cpu-rng';

export interface SimulatedXenHost {
  readonly sharedInfo: DataView;
  rdtsc(): bigint;
  rdrand?(): bigint | null;
  rdseed?(): bigint | null;
  cpuid?(leaf: number, subleaf: number): CpuidRegisters;
  console_io_write(bytes: Uint8Array): void;
  set_timer_op(deadline: bigint): void;
  sched_op_block(): void;
  sched_op_shutdown(reason: number): void;
  readonly timerPort: number;
  readonly cmdLine: Uint8Array;
  xenstore_read?(path: string): string | null;
  xenstore_write?(path: string, value: string): void;
  suspend?(): number;
}

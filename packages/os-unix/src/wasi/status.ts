/**
 * What the WASI build of os-unix is built on, capability by capability: for diagnostics and for
 * `@shimkit/entropy`'s status.
 */

import type { CpuRngStatus } from '@shimkit/os-shim/cpu-rng';

/** RDRAND / RDSEED in a WebAssembly guest: the one CPU-RNG status, `'unreachable'`, and why. */
export interface WasiCpuRngStatus extends CpuRngStatus {
  readonly available: false;
  readonly selfTest: 'unreachable';
  readonly reason: string;
}

export interface WasiStatus {
  readonly backend: 'wasi';
  /** The WASI release whose interfaces are imported. */
  readonly wasi: '0.2.12';
  readonly osRandom: 'wasi:random/random get-random-bytes';
  readonly monotonicClock: 'wasi:clocks/monotonic-clock now';
  readonly wallClock: 'wasi:clocks/wall-clock now';
  readonly cycleCounter: 'wasi:clocks/monotonic-clock now (low 32 bits)';
  readonly sleep: 'wasi:clocks/monotonic-clock subscribe-instant + wasi:io/poll pollable';
  readonly rdrand: WasiCpuRngStatus;
  readonly rdseed: WasiCpuRngStatus;
  readonly loopHooks: 'setTimeout task per StarlingMonkey event-loop turn (async export calls only)';
  readonly console: 'wasi:cli/stderr';
  readonly argv: 'wasi:cli/environment get-arguments';
  readonly exit: 'wasi:cli/exit';
}

const NO_CPU_RNG = 'a WebAssembly guest cannot execute CPU instructions outside the Wasm instruction set';

export const WASI_STATUS: WasiStatus = Object.freeze({
  backend: 'wasi',
  wasi: '0.2.12',
  osRandom: 'wasi:random/random get-random-bytes',
  monotonicClock: 'wasi:clocks/monotonic-clock now',
  wallClock: 'wasi:clocks/wall-clock now',
  cycleCounter: 'wasi:clocks/monotonic-clock now (low 32 bits)',
  sleep: 'wasi:clocks/monotonic-clock subscribe-instant + wasi:io/poll pollable',
  rdrand: Object.freeze({ available: false, selfTest: 'unreachable', reason: NO_CPU_RNG }),
  rdseed: Object.freeze({ available: false, selfTest: 'unreachable', reason: NO_CPU_RNG }),
  loopHooks: 'setTimeout task per StarlingMonkey event-loop turn (async export calls only)',
  console: 'wasi:cli/stderr',
  argv: 'wasi:cli/environment get-arguments',
  exit: 'wasi:cli/exit',
} as const);

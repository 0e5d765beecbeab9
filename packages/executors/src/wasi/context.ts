/**
 * The state of one WASI instance that the syscall modules share: guest memory, descriptors,
 * arguments and environment, the injected clock and random source, captured streams, the call's
 * deadline, and how to sleep. One context per call; nothing is shared between calls.
 */

import { FunctionFault } from '../result.js';
import type { Clock, RandomSource } from '../sources.js';
import { ErrnoError } from './errno.js';
import type { FdTable } from './descriptors.js';
import type { GuestMemory } from './memory.js';
import { concatBytes } from '../bytes.js';

/** A capped byte sink for stdout / stderr. */
export class Capture {
  #chunks: Uint8Array[] = [];
  #size = 0;
  readonly #cap: number;
  readonly #name: string;
  constructor(name: string, cap: number) {
    this.#name = name;
    this.#cap = cap;
  }
  write(b: Uint8Array): void {
    if (this.#size + b.length > this.#cap) throw new FunctionFault('limit', `${this.#name} exceeded its cap of ${this.#cap} bytes`);
    this.#chunks.push(b.slice());
    this.#size += b.length;
  }
  bytes(): Uint8Array {
    return concatBytes(this.#chunks);
  }
}

/** Ends the guest: `proc_exit(code)`. */
export class ProcExit extends Error {
  readonly code: number;
  constructor(code: number) {
    super(`proc_exit(${code})`);
    this.name = 'ProcExit';
    this.code = code;
  }
}

export interface WasiContext {
  readonly mem: GuestMemory;
  readonly fds: FdTable;
  /** Each argument / `KEY=value` as UTF-8 with its NUL terminator. */
  readonly args: readonly Uint8Array[];
  readonly env: readonly Uint8Array[];
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Monotonic time at instance creation (the CPU-time clocks count from here). */
  readonly startNs: bigint;
  /** Monotonic deadline of the call, or undefined. */
  readonly deadlineNs: bigint | undefined;
  /** Blocks the thread for `ns` nanoseconds (poll_oneoff clock subscriptions). */
  readonly sleep: (ns: bigint) => void;
  readonly stdin: Uint8Array;
  stdinPos: number;
  readonly stdout: Capture;
  readonly stderr: Capture;
}

// biome-ignore lint: WebAssembly host functions take and return numbers and bigints.
export type HostFn = (...args: any[]) => number | void;

/**
 * Wraps a syscall: an `ErrnoError` becomes its errno (returned to the guest); a `ProcExit` or a
 * `FunctionFault` ends the call; anything else is a host bug and ends the call as kind 'internal'.
 */
export function syscall(fn: HostFn): HostFn {
  return (...args) => {
    try {
      return fn(...args) ?? 0;
    } catch (e) {
      if (e instanceof ErrnoError) return e.errno;
      if (e instanceof ProcExit || e instanceof FunctionFault) throw e;
      throw new FunctionFault('internal', `WASI host error: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  };
}

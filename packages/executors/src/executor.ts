/**
 * The executor contract. Teaclave's `TeaclaveExecutor::execute(name, arguments, payload, runtime)
 * -> Result<String>` (`types/src/worker.rs`, `legacy` branch), with what Teaclave lacks: a signal
 * and a deadline, a memory cap, the call's clock and random source, captured streams, and typed
 * faults (throw a `FunctionFault`) instead of error text in a success value.
 */

import type { ArgumentValue, FunctionDefinition } from './function.js';
import type { Usage } from './result.js';
import type { FunctionRuntime } from './runtime.js';
import type { Clock, RandomSource } from './sources.js';

/** Per-call limits. */
export interface CallLimits {
  /** Cap on guest linear memory, in bytes (wasm: rewritten into the module's memory maximum). */
  readonly memoryBytes: number;
  /** Cap on each of stdout and stderr, in bytes. */
  readonly streamBytes: number;
  /** Cap on each output, in bytes. */
  readonly outputBytes: number;
  /** Monotonic deadline (ns, on `clock`), or undefined for none. */
  readonly deadlineNs: bigint | undefined;
  /** The deadline as milliseconds from the call's start, or undefined. */
  readonly deadlineMs: number | undefined;
}

/** Everything an executor gets for one call. */
export interface ExecutorCall {
  readonly function: FunctionDefinition;
  /** Every declared argument with its value, in key order. */
  readonly arguments: Readonly<Record<string, ArgumentValue>>;
  readonly runtime: FunctionRuntime;
  /** Aborted at the deadline or by the caller. */
  readonly signal: AbortSignal;
  readonly limits: CallLimits;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Bytes the guest reads from standard input. */
  readonly stdin: Uint8Array;
  /** Environment variables for the guest. */
  readonly env: Readonly<Record<string, string>>;
}

/** What an executor returns from a successful call. */
export interface ExecutorReturn {
  readonly value: string;
  readonly stdout?: Uint8Array;
  readonly stderr?: Uint8Array;
  readonly usage?: Omit<Usage, 'wallNs'>;
}

/** A function executor. Register one with `registry.register(executor)`. */
export interface Executor {
  /** The executor type that function registrations name (`executorType`). */
  readonly name: string;
  /** Other names it answers to (e.g. `wamr` for `wasm`). */
  readonly aliases?: readonly string[];
  /**
   * Runs one call. Return the value, or throw a `FunctionFault` to fail with a typed kind; any other
   * exception is reported as kind 'error' with its message. Outputs written to `call.runtime` are
   * committed only when this returns.
   */
  execute(call: ExecutorCall): ExecutorReturn | Promise<ExecutorReturn>;
  /**
   * What the executor reports about itself for `registry.status()`: plain data (counters, sizes,
   * names), e.g. the wasm executor's `{ moduleCache: { hits, misses, evictions, entries, bytes },
   * runner: { workers, queued, … } }`. Optional.
   */
  status?(): Readonly<Record<string, unknown>>;
}

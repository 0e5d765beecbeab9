/**
 * Call results. Teaclave's WAMR executor returns a trap as `Ok("exception text")`, which a caller
 * cannot tell from success (`executor/src/wamr.rs`, `legacy` branch); here a call ends in exactly
 * one of two typed shapes:
 *
 * - `{ ok: true, value, outputs, stdout, stderr, usage }` — outputs are committed;
 * - `{ ok: false, kind, message, stdout, stderr, usage }` — nothing is committed.
 */

/** Why a call failed. */
export type FaultKind =
  /** The guest trapped (unreachable, out-of-bounds access, stack overflow, divide by zero…). */
  | 'trap'
  /** The deadline passed; the call was stopped. */
  | 'timeout'
  /** The caller's signal aborted the call. */
  | 'cancelled'
  /** The memory cap was hit where the guest could not handle it (e.g. an initial size above it). */
  | 'memory'
  /** The guest called `proc_exit` with a non-zero code (see `exitCode`). */
  | 'exit'
  /** The payload or the arguments are unusable at run time (malformed module, missing export, bad argument value). */
  | 'invalid'
  /** The module imports something the host does not provide. */
  | 'link'
  /** A file operation of the runtime failed (unbound input or output name). */
  | 'io'
  /** An output or stream cap was exceeded. */
  | 'limit'
  /** The function itself reported an error (Teaclave's `bail!`). */
  | 'error'
  /** The executor failed in a way it did not classify (a host bug): reported, never thrown. */
  | 'internal';

/** What a call used. */
export interface Usage {
  /** Wall time of the call, in nanoseconds (monotonic clock). */
  wallNs: number;
  /** Instructions or fuel where the engine counts them (not with V8's WebAssembly). */
  fuel?: number;
  /** Peak guest memory in bytes (a wasm memory's final size: memories never shrink). */
  peakMemoryBytes?: number;
}

/** A successful call. */
export interface CallSuccess {
  readonly ok: true;
  /** The function's return value (Teaclave's summary string; for wasm, the entry's return value as decimal). */
  readonly value: string;
  /** The committed outputs, by name. */
  readonly outputs: Readonly<Record<string, Uint8Array>>;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  readonly usage: Usage;
}

/** A failed call. */
export interface CallFailure {
  readonly ok: false;
  readonly kind: FaultKind;
  readonly message: string;
  /** The guest's exit code for kind 'exit'. */
  readonly exitCode?: number;
  /** A stable code where one applies (e.g. `ERR_UNSUPPORTED_MODULE`, `ERR_INVALID_MODULE`, `ERR_MEMORY_CAP`). */
  readonly code?: string;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
  readonly usage: Usage;
}

export type CallResult = CallSuccess | CallFailure;

/** Thrown by executors and functions to end a call with a typed fault. */
export class FunctionFault extends Error {
  readonly kind: FaultKind;
  readonly exitCode: number | undefined;
  readonly code: string | undefined;
  stdout: Uint8Array | undefined;
  stderr: Uint8Array | undefined;
  constructor(
    kind: FaultKind,
    message: string,
    options?: { exitCode?: number; code?: string; stdout?: Uint8Array; stderr?: Uint8Array; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FunctionFault';
    this.kind = kind;
    this.exitCode = options?.exitCode;
    this.code = options?.code;
    this.stdout = options?.stdout;
    this.stderr = options?.stderr;
  }
}

/**
 * Messages between the `python` executor and its worker threads (plain data, structured-cloned).
 */

import type { FaultKind } from '../result.js';

/** What a worker is started with. */
export interface PythonWorkerData {
  /** Cap on the interpreter's linear memory, in bytes. */
  readonly memoryBytes: number;
  /** URL of a module exporting `clock` and / or `random` (tests), or undefined. */
  readonly sources?: string;
  /** Pyodide's interrupt buffer (one byte; 2 = SIGINT). */
  readonly interrupt: SharedArrayBuffer;
}

/**
 * The parent's first message to a worker, sent once the interpreter snapshot and the code cache
 * are looked up (the worker boots in the meantime): what to start from and what to produce.
 */
export interface PythonBoot {
  /** A pre-initialised interpreter to restore (Pyodide's memory snapshot; usually a view of a SharedArrayBuffer shared by every worker). */
  readonly snapshot?: Uint8Array;
  /** Load cold with `_makeSnapshot` and send the snapshot back in the ready message. */
  readonly makeSnapshot: boolean;
  /** V8's code cache of the wrapped `pyodide.asm.js` (V8 verifies it and rejects a mismatch). */
  readonly codeCache?: Uint8Array;
  /** Produce a code cache of `pyodide.asm.js` (none given, or it was rejected) and send it back. */
  readonly makeCodeCache: boolean;
}

/** How an interpreter started. */
export type PythonStart = 'restored' | 'cold' | 'cold-made-snapshot';

/** The worker's first message: loaded and sealed. */
export interface PythonReady {
  readonly ready: true;
  /** Network calls attempted while loading (must be 0: everything ships in the package). */
  readonly networkAttempts: number;
  /** Where the interpreter and its standard library were read from. */
  readonly indexURL: string;
  /** The interpreter's heap after loading, in bytes. */
  readonly heapBytes: number;
  /** Restored from a snapshot, or loaded cold (and whether it made a snapshot). */
  readonly start: PythonStart;
  /** Milliseconds from the boot message to ready (load, setup, snapshot), on the worker's own clock reading. */
  readonly loadMs: number;
  /** The snapshot this worker made (`makeSnapshot`), taken before any per-worker or per-call state. */
  readonly snapshot?: Uint8Array;
  /** The code cache this worker made (`makeCodeCache`). */
  readonly codeCache?: Uint8Array;
  /** A code cache was given and V8 rejected it. */
  readonly codeCacheRejected: boolean;
}

/** One call. */
export interface PythonJob {
  readonly payload: Uint8Array;
  /** Teaclave's flattened argument list. */
  readonly argv: string[];
  readonly inputs: Record<string, Uint8Array>;
  readonly outputs: string[];
  readonly streamBytes: number;
}

export type PythonJobResult =
  | { ok: true; value: string; outputs: Record<string, Uint8Array>; stdout: Uint8Array; stderr: Uint8Array }
  | { ok: false; kind: FaultKind; message: string; stdout: Uint8Array; stderr: Uint8Array };

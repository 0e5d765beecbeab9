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

/** The worker's first message: loaded and sealed. */
export interface PythonReady {
  readonly ready: true;
  /** Network calls attempted while loading (must be 0: everything ships in the package). */
  readonly networkAttempts: number;
  /** Where the interpreter and its standard library were read from. */
  readonly indexURL: string;
  /** The interpreter's heap after loading, in bytes. */
  readonly heapBytes: number;
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

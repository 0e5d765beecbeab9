/**
 * The function runtime: what a running function sees of its files, by name — Teaclave's
 * `TeaclaveRuntime` (`open_input` / `create_output`, `types/src/worker.rs`, `legacy` branch).
 *
 * Inputs are read as streams (`read` into a caller buffer, or `readAll`); outputs are written as
 * streams into a staging area with a size cap. The staging area is handed to the caller by
 * `commit()` only when the call succeeded: a failed, timed-out or trapped call leaves no output.
 */

import { FunctionFault } from './result.js';
import { concatBytes } from './bytes.js';

/** Default cap on one output, in bytes (256 MiB). */
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 2 ** 20;

/** A readable input stream. */
export interface InputStream {
  /** Reads up to `dest.length` bytes into `dest`; returns how many (0 at the end). */
  read(dest: Uint8Array): number;
  /** The rest of the input. */
  readAll(): Uint8Array;
}

/** A writable output stream. */
export interface OutputStream {
  /** Appends `bytes`; returns `bytes.length`. Throws a `FunctionFault` ('limit') past the cap. */
  write(bytes: Uint8Array): number;
}

/** One call's files. */
export class FunctionRuntime {
  readonly #inputs: ReadonlyMap<string, Uint8Array>;
  readonly #outputs: ReadonlySet<string>;
  readonly #maxOutputBytes: number;
  readonly #staged = new Map<string, { chunks: Uint8Array[]; size: number }>();
  #sealed = false;

  /**
   * @param inputs input name → bytes (the task's bindings).
   * @param outputs the output names the task bound.
   * @param maxOutputBytes cap on each output's size in bytes.
   */
  constructor(inputs: ReadonlyMap<string, Uint8Array>, outputs: ReadonlySet<string>, maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES) {
    this.#inputs = inputs;
    this.#outputs = outputs;
    this.#maxOutputBytes = maxOutputBytes;
  }

  /** Names of the bound inputs. */
  inputNames(): string[] {
    return [...this.#inputs.keys()];
  }

  /** Names of the bound outputs. */
  outputNames(): string[] {
    return [...this.#outputs];
  }

  /** The whole input (no copy; do not modify). `undefined` when not bound. */
  inputBytes(name: string): Uint8Array | undefined {
    return this.#inputs.get(name);
  }

  /**
   * Opens input `name` for reading from its start.
   * @throws FunctionFault kind 'io' when the task bound no such input.
   */
  openInput(name: string): InputStream {
    const data = this.#inputs.get(name);
    if (data === undefined) throw new FunctionFault('io', `no input named "${name}" is bound to this task`);
    let pos = 0;
    return {
      read(dest: Uint8Array): number {
        const n = Math.min(dest.length, data.length - pos);
        dest.set(data.subarray(pos, pos + n));
        pos += n;
        return n;
      },
      readAll(): Uint8Array {
        const rest = data.slice(pos);
        pos = data.length;
        return rest;
      },
    };
  }

  /**
   * Creates (or truncates) output `name`.
   * @throws FunctionFault kind 'io' when the task bound no such output.
   */
  createOutput(name: string): OutputStream {
    if (!this.#outputs.has(name)) throw new FunctionFault('io', `no output named "${name}" is bound to this task`);
    const entry = { chunks: [] as Uint8Array[], size: 0 };
    this.#staged.set(name, entry);
    const cap = this.#maxOutputBytes;
    return {
      write: (bytes: Uint8Array): number => {
        if (this.#sealed) throw new FunctionFault('io', `output "${name}" was written after the call ended`);
        if (entry.size + bytes.length > cap) {
          throw new FunctionFault('limit', `output "${name}" would exceed its cap of ${cap} bytes`);
        }
        entry.chunks.push(bytes.slice());
        entry.size += bytes.length;
        return bytes.length;
      },
    };
  }

  /** Replaces output `name` with `bytes` in one step (for executors that stage files themselves). */
  putOutput(name: string, bytes: Uint8Array): void {
    this.createOutput(name).write(bytes);
  }

  /** Ends the call: after this nothing can be written. Returns the staged outputs. */
  commit(): Record<string, Uint8Array> {
    this.#sealed = true;
    const out: Record<string, Uint8Array> = {};
    for (const [name, { chunks }] of this.#staged) out[name] = concatBytes(chunks);
    this.#staged.clear();
    return out;
  }

  /** Ends a failed call: everything staged is dropped. */
  discard(): void {
    this.#sealed = true;
    this.#staged.clear();
  }
}

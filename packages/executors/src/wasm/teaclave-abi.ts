/**
 * Teaclave's WAMR calling convention (`executor/src/wamr.rs`, `executor/context/src/context.rs`
 * and `sdk/payload/wasm/teaclave_context.h`, `legacy` branch), rebuilt on WebAssembly in JS:
 *
 * - the module exports `int entrypoint(int argc, char *argv[])`; the arguments are flattened as
 *   Teaclave's `FunctionArguments::into_vec` does — for each key in key order, the key, then the
 *   value (a string as is, anything else as its JSON text), so `argc` is twice the number of
 *   arguments; the strings and the pointer array are placed in fresh pages grown at the top of the
 *   guest's memory (WAMR copies them into its app heap);
 * - imports from `env`: `teaclave_open_input(char *fid)`, `teaclave_create_output(char *fid)` →
 *   a handle or -1; `teaclave_read_file(int fd, char *buf, int size)`,
 *   `teaclave_write_file(int fd, char *buf, int size)` → bytes or -1; `teaclave_close_file(int fd)`
 *   → 0 or -1. Handles are encoded as Teaclave encodes them (a sequence number, with bit 30 set
 *   for write handles). A bad handle or a pointer outside memory is -1, never a host fault.
 * - the return value of `entrypoint` is the call's value (decimal).
 */

import type { ArgumentValue } from '../function.js';
import { FunctionFault } from '../result.js';
import { utf8Decode, utf8Encode } from '../text.js';
import { WASM_PAGE } from './module-limits.js';

/** Names Teaclave's WAMR executor registers under `env`. */
export const TEACLAVE_IMPORTS = ['teaclave_open_input', 'teaclave_create_output', 'teaclave_read_file', 'teaclave_write_file', 'teaclave_close_file'] as const;

const WRITE_BIT = 0x4000_0000;

/** Flattens arguments the way Teaclave's `FunctionArguments::into_vec` does. */
export function flattenArguments(args: Readonly<Record<string, ArgumentValue>>): string[] {
  const out: string[] = [];
  for (const key of Object.keys(args).sort()) {
    const v = args[key]!;
    out.push(key, typeof v === 'string' ? v : JSON.stringify(v));
  }
  return out;
}

/** The files side of the ABI: inputs by name, outputs staged until the call succeeds. */
export class TeaclaveFiles {
  readonly #inputs: ReadonlyMap<string, Uint8Array>;
  readonly #outputNames: ReadonlySet<string>;
  readonly #maxOutputBytes: number;
  readonly #reads = new Map<number, { data: Uint8Array; pos: number }>();
  readonly #writes = new Map<number, { name: string; chunks: Uint8Array[]; size: number }>();
  /** Outputs as they stand (name → bytes); taken only on success. */
  readonly staged = new Map<string, Uint8Array[]>();
  #seq = 0;
  memory: WebAssembly.Memory | undefined;

  constructor(inputs: ReadonlyMap<string, Uint8Array>, outputNames: Iterable<string>, maxOutputBytes: number) {
    this.#inputs = inputs;
    this.#outputNames = new Set(outputNames);
    this.#maxOutputBytes = maxOutputBytes;
  }

  #bytes(ptr: number, len: number): Uint8Array | undefined {
    const buf = this.memory?.buffer;
    if (buf === undefined || len < 0 || ptr < 0 || ptr + len > buf.byteLength) return undefined;
    return new Uint8Array(buf, ptr, len);
  }

  #cstring(ptr: number): string | undefined {
    const buf = this.memory?.buffer;
    if (buf === undefined || ptr < 0 || ptr >= buf.byteLength) return undefined;
    const all = new Uint8Array(buf);
    const end = all.indexOf(0, ptr);
    if (end < 0) return undefined;
    return utf8Decode(all.subarray(ptr, end));
  }

  /** The `env` imports. */
  imports(): Record<string, (...a: number[]) => number> {
    return {
      teaclave_open_input: (fidPtr) => {
        const fid = this.#cstring(fidPtr);
        const data = fid === undefined ? undefined : this.#inputs.get(fid);
        if (data === undefined) return -1;
        const h = this.#seq++;
        this.#reads.set(h, { data, pos: 0 });
        return h;
      },
      teaclave_create_output: (fidPtr) => {
        const fid = this.#cstring(fidPtr);
        if (fid === undefined || !this.#outputNames.has(fid)) return -1;
        const h = WRITE_BIT | this.#seq++;
        const chunks: Uint8Array[] = [];
        this.staged.set(fid, chunks);
        this.#writes.set(h, { name: fid, chunks, size: 0 });
        return h;
      },
      teaclave_read_file: (h, ptr, size) => {
        const f = this.#reads.get(h);
        const dest = this.#bytes(ptr, size);
        if (f === undefined || dest === undefined) return -1;
        const n = Math.min(size, f.data.length - f.pos);
        dest.set(f.data.subarray(f.pos, f.pos + n));
        f.pos += n;
        return n;
      },
      teaclave_write_file: (h, ptr, size) => {
        const f = this.#writes.get(h);
        const src = this.#bytes(ptr, size);
        if (f === undefined || src === undefined) return -1;
        if (f.size + size > this.#maxOutputBytes) throw new FunctionFault('limit', `output "${f.name}" would exceed its cap of ${this.#maxOutputBytes} bytes`);
        f.chunks.push(src.slice());
        f.size += size;
        return size;
      },
      teaclave_close_file: (h) => {
        if (h & WRITE_BIT) return this.#writes.delete(h) ? 0 : -1;
        return this.#reads.delete(h) ? 0 : -1;
      },
    };
  }
}

/**
 * Places `argv` in fresh pages at the top of `memory` and returns `[argc, argvPtr]`.
 * @throws FunctionFault kind 'memory' when the memory cannot grow by the pages needed.
 */
export function placeArgv(memory: WebAssembly.Memory, argv: readonly string[]): [number, number] {
  const strings = argv.map((a) => utf8Encode(`${a}\0`));
  const total = strings.reduce((n, s) => n + s.length, 0) + 4 * argv.length;
  const pages = Math.max(1, Math.ceil(total / WASM_PAGE));
  let base: number;
  try {
    base = memory.grow(pages) * WASM_PAGE;
  } catch {
    throw new FunctionFault('memory', `no room for the arguments: the memory cap leaves no ${pages} free page(s)`);
  }
  const bytes = new Uint8Array(memory.buffer);
  const view = new DataView(memory.buffer);
  const argvPtr = base;
  let p = base + 4 * argv.length;
  strings.forEach((s, i) => {
    bytes.set(s, p);
    view.setUint32(argvPtr + 4 * i, p, true);
    p += s.length;
  });
  return [argv.length, argvPtr];
}

/**
 * Memory caps enforced inside the module (WebAssembly core spec 1.0/2.0, binary format §5.5:
 * import section id 2, memory section id 5, `limits` encodings). A worker's `resourceLimits` do
 * not bound wasm memory, so the cap is written into the module: its memory's `max` becomes
 * `min(max, cap)` (or the cap when it had none), and `memory.grow` past it returns -1 in the guest.
 *
 * Rejected with `ERR_UNSUPPORTED_MODULE`: shared memories (threads, limits flags 0x02/0x03),
 * memory64 (flags 0x04–0x07) and more than one memory (multi-memory). A module whose initial
 * size is above the cap is rejected with `MemoryCapError` (`ERR_MEMORY_CAP`; a call reports it
 * as kind 'memory'). Bytes that are not a well-formed module header or section list: `ERR_INVALID_MODULE`.
 */

import { ExecutorError } from '../errors.js';
import { concatBytes } from '../bytes.js';

/** Bytes in one wasm page. */
export const WASM_PAGE = 65536;

/** The initial size of a module's memory exceeds the cap. */
export class MemoryCapError extends Error {
  readonly code = 'ERR_MEMORY_CAP' as const;
  constructor(message: string) {
    super(message);
    this.name = 'MemoryCapError';
  }
}

class Reader {
  pos: number;
  constructor(
    readonly b: Uint8Array,
    start: number,
    readonly end: number,
  ) {
    this.pos = start;
  }
  byte(): number {
    if (this.pos >= this.end) throw invalid('unexpected end of section');
    return this.b[this.pos++]!;
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < 5; i++) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if ((x & 0x80) === 0) return result;
      shift += 7;
    }
    throw invalid('LEB128 integer too long');
  }
  skip(n: number): void {
    if (this.pos + n > this.end) throw invalid('unexpected end of section');
    this.pos += n;
  }
  name(): void {
    this.skip(this.u32());
  }
}

const invalid = (m: string) => new ExecutorError('ERR_INVALID_MODULE', `malformed module: ${m}`);
const unsupported = (m: string) => new ExecutorError('ERR_UNSUPPORTED_MODULE', m);

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return out;
}

interface Limits {
  start: number;
  end: number;
  min: number;
  max: number | undefined;
}

function readLimits(r: Reader, what: 'memory' | 'table'): Limits {
  const start = r.pos;
  const flags = r.byte();
  if (what === 'memory') {
    if (flags === 0x02 || flags === 0x03) throw unsupported('shared memories (the threads proposal) are not supported');
    if (flags >= 0x04 && flags <= 0x07) throw unsupported('64-bit memories (memory64) are not supported');
  }
  if (flags > 0x01 && what === 'memory') throw invalid(`memory limits flags 0x${flags.toString(16)}`);
  const min = r.u32();
  const max = flags & 0x01 ? r.u32() : undefined;
  return { start, end: r.pos, min, max };
}

/** What `capModuleMemory` found and did. */
export interface CappedModule {
  /** The module bytes with the memory maximum rewritten (the input itself when there is no memory). */
  readonly bytes: Uint8Array;
  /** Initial memory in pages, or undefined when the module has no memory. */
  readonly initialPages: number | undefined;
  /** The maximum now in the module, in pages. */
  readonly maxPages: number | undefined;
  /** True when the memory is imported (`env.memory`-style). */
  readonly imported: boolean;
}

/**
 * Rewrites the module's memory maximum to at most `capBytes` (rounded down to whole pages).
 * @throws ExecutorError `ERR_INVALID_MODULE`, `ERR_UNSUPPORTED_MODULE`; MemoryCapError `ERR_MEMORY_CAP`.
 * @example const { bytes } = capModuleMemory(wasm, 64 * 2 ** 20);
 */
export function capModuleMemory(bytes: Uint8Array, capBytes: number): CappedModule {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) throw invalid('no \\0asm magic');
  if (bytes[4] !== 1 || bytes[5] !== 0 || bytes[6] !== 0 || bytes[7] !== 0) {
    throw invalid('not a core module of binary version 1 (a component or a future version)');
  }
  const capPages = Math.floor(capBytes / WASM_PAGE);
  const memories: { limits: Limits; imported: boolean }[] = [];
  const r = new Reader(bytes, 8, bytes.length);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    const start = r.pos;
    const end = start + size;
    if (end > bytes.length) throw invalid('section runs past the end');
    const s = new Reader(bytes, start, end);
    if (id === 2) {
      const count = s.u32();
      for (let i = 0; i < count; i++) {
        s.name();
        s.name();
        const kind = s.byte();
        if (kind === 0) s.u32();
        else if (kind === 1) {
          s.byte();
          readLimits(s, 'table');
        } else if (kind === 2) memories.push({ limits: readLimits(s, 'memory'), imported: true });
        else if (kind === 3) s.skip(2);
        else if (kind === 4) {
          s.byte();
          s.u32();
        } else throw invalid(`import kind ${kind}`);
      }
    } else if (id === 5) {
      const count = s.u32();
      for (let i = 0; i < count; i++) memories.push({ limits: readLimits(s, 'memory'), imported: false });
    }
    r.pos = end;
  }
  if (memories.length > 1) throw unsupported(`modules with ${memories.length} memories (multi-memory) are not supported`);
  const mem = memories[0];
  if (mem === undefined) return { bytes, initialPages: undefined, maxPages: undefined, imported: false };
  const { min, max } = mem.limits;
  if (min > capPages) {
    throw new MemoryCapError(`the module needs ${min} pages (${min * WASM_PAGE} bytes) of memory at start, above the cap of ${capPages} pages (${capBytes} bytes)`);
  }
  const newMax = max === undefined ? capPages : Math.min(max, capPages);
  if (max === newMax) return { bytes, initialPages: min, maxPages: max, imported: mem.imported };
  const enc = [0x01, ...leb(min), ...leb(newMax)];
  // Splice the new limits in and fix the enclosing section's size.
  const r2 = new Reader(bytes, 8, bytes.length);
  const chunks: Uint8Array[] = [bytes.subarray(0, 8)];
  while (r2.pos < bytes.length) {
    const secStart = r2.pos;
    r2.byte();
    const size = r2.u32();
    const bodyStart = r2.pos;
    const bodyEnd = bodyStart + size;
    if (mem.limits.start >= bodyStart && mem.limits.end <= bodyEnd) {
      const body = [...bytes.subarray(bodyStart, mem.limits.start), ...enc, ...bytes.subarray(mem.limits.end, bodyEnd)];
      chunks.push(Uint8Array.from([bytes[secStart]!, ...leb(body.length), ...body]));
    } else chunks.push(bytes.subarray(secStart, bodyEnd));
    r2.pos = bodyEnd;
  }
  return { bytes: concatBytes(chunks), initialPages: min, maxPages: newMax, imported: mem.imported };
}

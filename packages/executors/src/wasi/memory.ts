/**
 * Bounds-checked access to the guest's linear memory. Every pointer a guest passes is checked:
 * an access outside memory is `EFAULT` (the witx `fault` errno), never a host exception. Views
 * are taken afresh at each access because `memory.grow` detaches the old buffer.
 */

import { Errno, fail } from './errno.js';

export class GuestMemory {
  #memory: WebAssembly.Memory | undefined;

  bind(memory: WebAssembly.Memory): void {
    this.#memory = memory;
  }

  get buffer(): ArrayBuffer {
    if (this.#memory === undefined) fail(Errno.FAULT);
    return this.#memory.buffer as ArrayBuffer;
  }

  /** A view of `[ptr, ptr + len)`; `EFAULT` when outside memory. */
  bytes(ptr: number, len: number): Uint8Array {
    const buf = this.buffer;
    const p = ptr >>> 0;
    const n = len >>> 0;
    if (p + n > buf.byteLength) fail(Errno.FAULT);
    return new Uint8Array(buf, p, n);
  }

  #view(ptr: number, len: number): DataView {
    const buf = this.buffer;
    const p = ptr >>> 0;
    if (p + len > buf.byteLength) fail(Errno.FAULT);
    return new DataView(buf, p, len);
  }

  u8(ptr: number, v: number): void {
    this.#view(ptr, 1).setUint8(0, v);
  }
  u16(ptr: number, v: number): void {
    this.#view(ptr, 2).setUint16(0, v, true);
  }
  u32(ptr: number, v: number): void {
    this.#view(ptr, 4).setUint32(0, v >>> 0, true);
  }
  u64(ptr: number, v: bigint): void {
    // An explicit wrap, not BigInt.asUintN(64, v): QuickJS returns a negative input unchanged from it.
    this.#view(ptr, 8).setBigUint64(0, v < 0n ? v + (1n << 64n) : v, true);
  }
  getU8(ptr: number): number {
    return this.#view(ptr, 1).getUint8(0);
  }
  getU16(ptr: number): number {
    return this.#view(ptr, 2).getUint16(0, true);
  }
  getU32(ptr: number): number {
    return this.#view(ptr, 4).getUint32(0, true);
  }
  getU64(ptr: number): bigint {
    return this.#view(ptr, 8).getBigUint64(0, true);
  }

  /** The buffers of an iovec / ciovec array (`iovs_len` entries of { buf: u32, buf_len: u32 }). */
  iovecs(iovs: number, count: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = 0; i < count >>> 0; i++) {
      const base = (iovs >>> 0) + 8 * i;
      out.push(this.bytes(this.getU32(base), this.getU32(base + 4)));
    }
    return out;
  }
}

/**
 * A buffered ChaCha20 fast-key-erasure generator: the fast front for small requests, after the
 * design of Linux's CRNG (`drivers/char/random.c`, since 5.17) and OpenBSD's `arc4random`, as
 * D. J. Bernstein describes it in "Fast-key-erasure random-number generators" (2017).
 *
 * - Keystream comes in batches of `CHACHA_FRONT_BATCH` (4096) bytes: ChaCha20 (RFC 8439, from
 *   @noble/ciphers, or the accelerator passed as `options.chacha` — the same bytes either way;
 *   this module imports no OS) under the current key, nonce 0, counter 0. The first 32 bytes of each batch
 *   at once replace the key (the old key is gone: no later compromise reveals earlier output);
 *   the other 4064 bytes are handed out in order, and each byte handed out is wiped from the
 *   buffer (so a later compromise reveals no byte already returned).
 * - The key is reseeded from a parent `Generator` (e.g. Fortuna): before the first request,
 *   once `reseedBytes` bytes (default 1 MiB) were served since the last reseed, and, when a
 *   clock is given, once `reseedIntervalNs` (default 60 s, Linux's CRNG interval) have passed
 *   (the clock is read before each new batch, each bulk request and every 32nd small request).
 *   Reseeding XORs 32 parent bytes into the key and discards the buffered batch.
 * - Requests above `bulkThreshold` (default 1024 bytes) do not drain the batch: with
 *   `bulk: 'keystream'` (the default when the parent is not accelerated) one 32-byte key is taken
 *   from the batch and ChaCha20 keystream under it is written straight into the destination,
 *   as Linux does for large reads; with `bulk: 'parent'` (the default when the parent is
 *   accelerated) the request goes to the parent.
 * - `forget()` wipes the key and every buffered byte; the next request reseeds from the parent
 *   (for VM snapshot / clone notifications, where two copies would otherwise share a buffer).
 */

import { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
import { assertIntInRange } from '@shimkit/os-shim/validate';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
import { type Generator, MAX_REQUEST } from './generator.js';
import { checkDestination, checkLength } from './request.js';

/** Bytes of keystream produced per batch (64 ChaCha20 blocks). */
export const CHACHA_FRONT_BATCH = 4096;
/** Default byte budget between reseeds from the parent: 1 MiB. */
export const CHACHA_FRONT_RESEED_BYTES = 1 << 20;
/** Default time budget between reseeds from the parent: 60 s. */
export const CHACHA_FRONT_RESEED_INTERVAL_NS = 60_000_000_000n;
/** Default size above which a request takes the bulk path. */
export const CHACHA_FRONT_BULK_THRESHOLD = 1024;

const KEY = 32;
/** With a clock, small requests read it at least this often (see `#timeIsUp`). */
const CLOCK_EVERY = 32;
const NONCE = new Uint8Array(12);
/** Copies up to this many bytes with a loop rather than a subarray view. */
const SMALL_COPY = 64;

export interface ChaChaFrontOptions {
  /** Monotonic clock in ns (e.g. `os.time.monotonicNs`); enables the time budget. */
  clock?: () => bigint;
  /** Bytes served between reseeds from the parent (1 … 2^31 - 1; default 1 MiB). */
  reseedBytes?: number;
  /** Time between reseeds from the parent, in ns (> 0; default 60 s). Needs `clock`. */
  reseedIntervalNs?: bigint;
  /** Requests larger than this take the bulk path (0 … 2^31 - 1; default 1024). */
  bulkThreshold?: number;
  /** Where bulk requests go (default: `'parent'` if the parent is accelerated, else `'keystream'`). */
  bulk?: 'parent' | 'keystream';
  /**
   * The ChaCha20 keystream to use. Default: `jsChacha20` (@noble/ciphers, pure JavaScript). Pass
   * an accelerator (e.g. a backend's `os.cpu.chacha20`) to go faster; it must give the same bytes.
   */
  chacha?: ChaCha20Keystream;
}

export class ChaChaFront implements Generator {
  readonly name: string;
  readonly maxRequest = MAX_REQUEST;
  readonly accelerated = false;
  readonly parent: Generator;
  readonly reseedBytes: number;
  readonly reseedIntervalNs: bigint;
  readonly bulkThreshold: number;
  readonly bulk: 'parent' | 'keystream';

  /** True when the ChaCha20 keystream comes from the OS backend's accelerator. */
  readonly chachaAccelerated: boolean;
  readonly #clock: (() => bigint) | undefined;
  readonly #chacha: ChaCha20Keystream;
  readonly #key = new Uint8Array(KEY);
  readonly #buf = new Uint8Array(CHACHA_FRONT_BATCH);
  #pos = CHACHA_FRONT_BATCH;
  #keyed = false;
  #served = 0;
  #lastReseedNs = 0n;
  #reseeds = 0;
  #sinceClock = 0;

  constructor(parent: Generator, options: ChaChaFrontOptions = {}) {
    if (typeof parent !== 'object' || parent === null || typeof parent.generate !== 'function') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'parent must be a Generator');
    }
    if (typeof options !== 'object' || options === null) {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'options must be an object');
    }
    const { clock, reseedBytes, reseedIntervalNs, bulkThreshold, bulk, chacha } = options;
    if (chacha !== undefined && typeof chacha !== 'function') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `options.chacha must be a function, got ${typeof chacha}`);
    }
    this.#chacha = chacha ?? jsChacha20;
    this.chachaAccelerated = this.#chacha !== jsChacha20;
    if (clock !== undefined && typeof clock !== 'function') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `options.clock must be a function, got ${typeof clock}`);
    }
    if (reseedIntervalNs !== undefined) {
      if (typeof reseedIntervalNs !== 'bigint') {
        throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `options.reseedIntervalNs must be a bigint, got ${typeof reseedIntervalNs}`);
      }
      if (reseedIntervalNs <= 0n) throw new ShimkitRangeError(`options.reseedIntervalNs must be > 0, got ${reseedIntervalNs}`);
    }
    if (bulk !== undefined && bulk !== 'parent' && bulk !== 'keystream') {
      throw new ShimkitRangeError(`options.bulk must be 'parent' or 'keystream', got ${String(bulk)}`);
    }
    this.parent = parent;
    this.name = `chacha20-front(${parent.name})`;
    this.#clock = clock;
    this.reseedBytes = assertIntInRange(reseedBytes ?? CHACHA_FRONT_RESEED_BYTES, 'options.reseedBytes', 1, MAX_REQUEST);
    this.reseedIntervalNs = reseedIntervalNs ?? CHACHA_FRONT_RESEED_INTERVAL_NS;
    this.bulkThreshold = assertIntInRange(bulkThreshold ?? CHACHA_FRONT_BULK_THRESHOLD, 'options.bulkThreshold', 0, MAX_REQUEST);
    this.bulk = bulk ?? (parent.accelerated === true ? 'parent' : 'keystream');
  }

  /** True when this front holds a key or its parent is seeded. */
  get seeded(): boolean {
    return this.#keyed || this.parent.seeded;
  }

  /** Times the key was reseeded from the parent. */
  get reseeds(): number {
    return this.#reseeds;
  }

  /** Bytes served since the last reseed from the parent. */
  get bytesSinceReseed(): number {
    return this.#served;
  }

  /** Bytes of keystream waiting in the buffer. */
  get buffered(): number {
    return this.#keyed ? CHACHA_FRONT_BATCH - this.#pos : 0;
  }

  /** Reseeds the parent with `seed`, then rekeys this front from the parent at once. */
  reseed(seed: Uint8Array): void {
    this.parent.reseed(seed);
    this.#reseedFromParent();
  }

  /** Wipes the key and all buffered keystream; the next request reseeds from the parent. */
  forget(): void {
    this.#key.fill(0);
    this.#buf.fill(0);
    this.#pos = CHACHA_FRONT_BATCH;
    this.#keyed = false;
    this.#served = 0;
  }

  generate(n: number): Uint8Array {
    const len = checkLength(n, MAX_REQUEST);
    const out = new Uint8Array(len);
    this.#serve(out);
    return out;
  }

  fill(dest: ArrayBufferView): void {
    this.#serve(checkDestination(dest, MAX_REQUEST));
  }

  #serve(out: Uint8Array): void {
    const n = out.length;
    if (n > this.bulkThreshold && this.bulk === 'parent') {
      this.#fromParent(out);
      return;
    }
    const bulk = n > this.bulkThreshold;
    if (!this.#keyed || this.#served >= this.reseedBytes || this.#timeIsUp(bulk)) this.#reseedFromParent();
    if (bulk) this.#bulkKeystream(out);
    else this.#take(out, 0, n);
    this.#served += n;
  }

  /**
   * Whether the time budget is used up. The clock is read on every bulk request, whenever a new
   * batch is due, and on every `CLOCK_EVERY`-th small request in between (a clock read costs as
   * much as serving a small request).
   */
  #timeIsUp(bulk: boolean): boolean {
    if (this.#clock === undefined) return false;
    if (!bulk && this.#pos !== CHACHA_FRONT_BATCH && ++this.#sinceClock < CLOCK_EVERY) return false;
    this.#sinceClock = 0;
    return this.#clock() - this.#lastReseedNs >= this.reseedIntervalNs;
  }

  /** Copies `n` buffered bytes into `out` at `off`, wiping them from the buffer. */
  #take(out: Uint8Array, off: number, n: number): void {
    const buf = this.#buf;
    let done = 0;
    while (done < n) {
      if (this.#pos === CHACHA_FRONT_BATCH) this.#refill();
      const start = this.#pos;
      const end = Math.min(start + n - done, CHACHA_FRONT_BATCH);
      const k = end - start;
      if (k <= SMALL_COPY) {
        // A plain loop beats creating a subarray view for the small requests this front is for.
        const at = off + done;
        for (let i = 0; i < k; i++) {
          out[at + i] = buf[start + i]!;
          buf[start + i] = 0;
        }
      } else {
        out.set(buf.subarray(start, end), off + done);
        buf.fill(0, start, end);
      }
      this.#pos = end;
      done += k;
    }
  }

  /** A new batch under the current key; its first 32 bytes become the next key at once. */
  #refill(): void {
    const buf = this.#buf;
    this.#chacha(this.#key, NONCE, 0, buf);
    this.#key.set(buf.subarray(0, KEY));
    buf.fill(0, 0, KEY);
    this.#pos = KEY;
  }

  /** Large request: a one-time key from the batch, its keystream written straight into `out`. */
  #bulkKeystream(out: Uint8Array): void {
    const key = new Uint8Array(KEY);
    this.#take(key, 0, KEY);
    try {
      this.#chacha(key, NONCE, 0, out);
    } catch (error) {
      out.fill(0);
      throw error;
    } finally {
      key.fill(0);
    }
  }

  #fromParent(out: Uint8Array): void {
    const max = this.parent.maxRequest ?? MAX_REQUEST;
    if (out.length <= max) {
      this.parent.fill(out);
      return;
    }
    try {
      for (let off = 0; off < out.length; off += max) this.parent.fill(out.subarray(off, Math.min(out.length, off + max)));
    } catch (error) {
      out.fill(0);
      throw error;
    }
  }

  #reseedFromParent(): void {
    const fresh = this.parent.generate(KEY);
    const key = this.#key;
    for (let i = 0; i < KEY; i++) key[i]! ^= fresh[i]!;
    fresh.fill(0);
    this.#buf.fill(0);
    this.#pos = CHACHA_FRONT_BATCH;
    this.#keyed = true;
    this.#served = 0;
    this.#reseeds++;
    this.#sinceClock = 0;
    if (this.#clock !== undefined) this.#lastReseedNs = this.#clock();
  }
}

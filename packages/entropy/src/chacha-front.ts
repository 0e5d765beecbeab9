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
import { assertFunction, assertIntInRange, assertOptions } from '@shimkit/os-shim/validate';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
import { type Generator, MAX_REQUEST } from './generator.js';
import { SERVE, type Serving, serverOf, TAKE_UINT, type TakingUint } from './internal.js';
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
const BATCH = CHACHA_FRONT_BATCH;
/** With a clock, small requests read it at least this often (see `#timeIsUp`). */
const CLOCK_EVERY = 32;
const NONCE = new Uint8Array(12);
/** Destinations remembered for word copies: at most this long … */
const SMALL_VIEW = 1024;
/** … over buffers at most this large. */
const SMALL_BUFFER = 65_536;
const OPTION_KEYS = ['clock', 'reseedBytes', 'reseedIntervalNs', 'bulkThreshold', 'bulk', 'chacha'] as const;

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

/**
 * The ChaCha20 fast-key-erasure front (see the module comment).
 *
 * @example
 * const parent = new Fortuna();
 * parent.reseed(seed32);
 * const front = new ChaChaFront(parent, { clock: () => os.time.monotonicNs() });
 * front.generate(32);
 */
export class ChaChaFront implements Generator, Serving, TakingUint {
  readonly name: string;
  readonly maxRequest = MAX_REQUEST;
  readonly accelerated = false;
  readonly parent: Generator;
  readonly reseedBytes: number;
  readonly reseedIntervalNs: bigint;
  readonly bulkThreshold: number;
  readonly bulk: 'parent' | 'keystream';

  /** True when the ChaCha20 keystream is not the pure-JavaScript one (an accelerator was passed). */
  readonly chachaAccelerated: boolean;
  readonly #clock: (() => bigint) | undefined;
  readonly #chacha: ChaCha20Keystream;
  readonly #parentServe: (out: Uint8Array, fresh?: boolean) => void;
  readonly #parentMax: number;
  readonly #key = new Uint8Array(KEY);
  readonly #fresh = new Uint8Array(KEY);
  readonly #buf = new Uint8Array(BATCH);
  /** The same batch as 32-bit words, for word-at-a-time copies (see `#take`). */
  readonly #buf32 = new Uint32Array(this.#buf.buffer);
  /** The last small destination seen, and its word view once it was seen twice in a row. */
  #lastOut: Uint8Array | undefined;
  #lastOut32: Uint32Array | undefined;
  #pos = BATCH;
  #keyed = false;
  #served = 0;
  #lastReseedNs = 0n;
  #reseeds = 0;
  #sinceClock = 0;

  /**
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` (parent not a Generator, options not an
   *   object, an unknown option key, a wrong type), ShimkitRangeError `ERR_OUT_OF_RANGE`.
   */
  constructor(parent: Generator, options?: ChaChaFrontOptions) {
    if (typeof parent !== 'object' || parent === null || typeof parent.generate !== 'function' || typeof parent.fill !== 'function') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'parent must be a Generator (an object with generate and fill)');
    }
    const { clock, reseedBytes, reseedIntervalNs, bulkThreshold, bulk, chacha } = assertOptions<ChaChaFrontOptions>(options, 'options', OPTION_KEYS);
    if (chacha !== undefined) assertFunction(chacha, 'options.chacha');
    if (clock !== undefined) assertFunction(clock, 'options.clock');
    if (reseedIntervalNs !== undefined) {
      if (typeof reseedIntervalNs !== 'bigint') {
        throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `options.reseedIntervalNs must be a bigint, got ${typeof reseedIntervalNs}`);
      }
      if (reseedIntervalNs <= 0n) throw new ShimkitRangeError(`options.reseedIntervalNs must be > 0, got ${reseedIntervalNs}`);
    }
    if (bulk !== undefined && bulk !== 'parent' && bulk !== 'keystream') {
      throw new ShimkitRangeError(`options.bulk must be 'parent' or 'keystream', got ${String(bulk)}`);
    }
    this.#chacha = chacha ?? jsChacha20;
    this.chachaAccelerated = this.#chacha !== jsChacha20;
    this.parent = parent;
    this.#parentServe = serverOf(parent);
    this.#parentMax = Math.min(parent.maxRequest ?? MAX_REQUEST, MAX_REQUEST);
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
    return this.#keyed ? BATCH - this.#pos : 0;
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
    this.#pos = BATCH;
    this.#keyed = false;
    this.#served = 0;
    this.#lastOut = undefined;
    this.#lastOut32 = undefined;
  }

  /**
   * `n` fresh bytes, 0 ≤ n ≤ 2^31 − 1.
   *
   * @throws ShimkitTypeError / ShimkitRangeError for a bad `n`; whatever the parent throws
   *   (e.g. UnseededError `ERR_UNSEEDED`) or a failing keystream.
   */
  generate(n: number): Uint8Array {
    const out = new Uint8Array(checkLength(n, MAX_REQUEST));
    this[SERVE](out, true);
    return out;
  }

  /**
   * Overwrites every byte of `dest` (an integer typed array or DataView; float arrays are
   * refused). On an argument error `dest` is untouched; on any other error it is all zero.
   */
  fill(dest: ArrayBufferView): void {
    this[SERVE](checkDestination(dest, MAX_REQUEST));
  }

  /** @internal Serves a validated destination; all zero on any throw. */
  [SERVE](out: Uint8Array, fresh = false): void {
    try {
      const n = out.length;
      if (n > this.bulkThreshold) {
        if (this.bulk === 'parent') {
          this.#fromParent(out);
          return;
        }
        if (!this.#keyed || this.#served >= this.reseedBytes || this.#timeIsUp(true)) this.#reseedFromParent();
        this.#bulkKeystream(out);
      } else {
        if (!this.#keyed || this.#served >= this.reseedBytes || this.#timeIsUp(false)) this.#reseedFromParent();
        this.#take(out, n, fresh);
      }
      this.#served += n;
    } catch (error) {
      out.fill(0);
      throw error;
    }
  }

  /** @internal The next `nbytes` (1 … 6) bytes as a big-endian integer, wiped from the buffer. */
  [TAKE_UINT](nbytes: number): number {
    if (!this.#keyed || this.#served >= this.reseedBytes || this.#timeIsUp(false)) this.#reseedFromParent();
    const buf = this.#buf;
    // The leading bytes beyond the last four go to `hi`, the last four to `lo` (32-bit integer
    // operations: no floating point in the common case of at most four bytes).
    const split = nbytes - 4;
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < nbytes; i++) {
      if (this.#pos === BATCH) this.#refill();
      const p = this.#pos++;
      if (i < split) hi = hi * 256 + buf[p]!;
      else lo = (lo << 8) | buf[p]!;
      buf[p] = 0;
    }
    this.#served += nbytes;
    return split > 0 ? hi * 0x1_0000_0000 + (lo >>> 0) : lo >>> 0;
  }

  /**
   * Whether the time budget is used up. The clock is read on every bulk request, whenever a new
   * batch is due, and on every `CLOCK_EVERY`-th small request in between (a clock read costs as
   * much as serving a small request).
   */
  #timeIsUp(bulk: boolean): boolean {
    if (this.#clock === undefined) return false;
    if (!bulk && this.#pos !== BATCH && ++this.#sinceClock < CLOCK_EVERY) return false;
    this.#sinceClock = 0;
    return this.#clock() - this.#lastReseedNs >= this.reseedIntervalNs;
  }

  /** Copies the next `n` buffered bytes into `out`, wiping them from the buffer. */
  #take(out: Uint8Array, n: number, fresh = false): void {
    const buf = this.#buf;
    const pos = this.#pos;
    if (!fresh && ((pos | n) & 3) === 0 && n !== 0 && pos + n <= BATCH) {
      const out32 = this.#words(out, n);
      if (out32 !== undefined) {
        // Word-aligned in both buffers: copy and wipe 32 bits at a time (a destination reused
        // for small requests, the common case, is seen here again and again).
        const b32 = this.#buf32;
        const w = pos >>> 2;
        for (let i = 0; i < n >>> 2; i++) {
          out32[i] = b32[w + i]!;
          b32[w + i] = 0;
        }
        this.#pos = pos + n;
        return;
      }
    }
    let done = 0;
    while (done < n) {
      if (this.#pos === BATCH) this.#refill();
      const start = this.#pos;
      const k = Math.min(n - done, BATCH - start);
      if (k <= 64) {
        // A plain loop beats creating a subarray view for the small requests this front is for.
        for (let i = 0; i < k; i++) {
          out[done + i] = buf[start + i]!;
          buf[start + i] = 0;
        }
      } else {
        out.set(buf.subarray(start, start + k), done);
        buf.fill(0, start, start + k);
      }
      this.#pos = start + k;
      done += k;
    }
  }

  /**
   * A `Uint32Array` over exactly `out`'s bytes when `out` is the same small, word-aligned
   * destination as last time (its view is made on the second use, then kept); else undefined.
   * Only views of at most `SMALL_VIEW` bytes over buffers of at most `SMALL_BUFFER` bytes are
   * remembered, so a remembered view never keeps a large buffer alive; `forget()` drops it.
   */
  #words(out: Uint8Array, n: number): Uint32Array | undefined {
    if (out === this.#lastOut) {
      const known = this.#lastOut32;
      if (known !== undefined && known.length === n >>> 2) return known;
      if (known === undefined && (out.byteOffset & 3) === 0) {
        const made = new Uint32Array(out.buffer, out.byteOffset, n >>> 2);
        this.#lastOut32 = made;
        return made;
      }
      return undefined;
    }
    if (n <= SMALL_VIEW && out.buffer.byteLength <= SMALL_BUFFER) {
      this.#lastOut = out;
      this.#lastOut32 = undefined;
    }
    return undefined;
  }

  /** A new batch under the current key; its first 32 bytes become the next key at once. */
  #refill(): void {
    const buf = this.#buf;
    try {
      this.#chacha(this.#key, NONCE, 0, buf);
    } catch (error) {
      buf.fill(0); // a failing keystream may have written part of the batch: none of it is served
      throw error;
    }
    this.#key.set(buf.subarray(0, KEY));
    buf.fill(0, 0, KEY);
    this.#pos = KEY;
  }

  /** Large request: a one-time key from the batch, its keystream written straight into `out`. */
  #bulkKeystream(out: Uint8Array): void {
    const key = this.#fresh;
    try {
      this.#take(key, KEY, true);
      this.#chacha(key, NONCE, 0, out);
    } finally {
      key.fill(0);
    }
  }

  #fromParent(out: Uint8Array): void {
    const max = this.#parentMax;
    if (out.length <= max) this.#parentServe(out);
    else for (let off = 0; off < out.length; off += max) this.#parentServe(out.subarray(off, Math.min(out.length, off + max)));
  }

  #reseedFromParent(): void {
    const fresh = this.#fresh;
    try {
      this.#parentServe(fresh);
      const key = this.#key;
      for (let i = 0; i < KEY; i++) key[i]! ^= fresh[i]!;
    } finally {
      fresh.fill(0);
    }
    this.#buf.fill(0);
    this.#pos = BATCH;
    this.#keyed = true;
    this.#served = 0;
    this.#reseeds++;
    this.#sinceClock = 0;
    if (this.#clock !== undefined) this.#lastReseedNs = this.#clock();
  }
}

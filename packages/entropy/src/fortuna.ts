/**
 * Fortuna (Ferguson and Schneier, "Practical Cryptography" ch. 10), byte-compatible with
 * mirage-crypto-rng's `Fortuna` (2.x: requests above 64 KiB return their chunks in order).
 * `test/vectors/fortuna/README.md` states the algorithm these known answers pin down:
 *
 * - State: a 256-bit key K (initially zero), a 128-bit counter C (initially 0, meaning
 *   "unseeded"), 32 entropy pools (SHA-256 contexts), the count of bytes added to pool 0 since
 *   the last pool reseed, and the number of pool reseeds.
 * - `reseed(s)`: K ← SHA-256d(K ‖ s); C ← C + 1, where SHA-256d(x) = SHA-256(SHA-256(x)).
 * - `add(source, pool, d)`: pool `pool` absorbs the header (source, length(d) mod 256) then d.
 * - Before each request: if pool 0 has received more than 64 bytes (and, when a clock was given,
 *   at least one second passed since the last pool reseed), the reseed count r grows by one and
 *   K ← SHA-256d(K ‖ SHA-256d(pool_i) ‖ …) over every i with 2^i dividing r; those pools are
 *   emptied; C ← C + 1.
 * - A request of n bytes is served in chunks of at most 64 KiB, in order. A chunk of m bytes
 *   draws ⌈m/16⌉ + 2 blocks of AES-256-CTR keystream under K from counter block C, returns the
 *   first m bytes, sets K to the last 32 bytes and adds the block count to C (generator
 *   rekeying after every request: forward secrecy for what was returned).
 *
 * AES-256-CTR is @noble/ciphers' unless the caller passes an accelerator (`options.aes`: the
 * default runtime passes the OS backend's probed `Cpu.aes256Ctr`); SHA-256 is @noble/hashes'.
 * Both paths give the same bytes. This module imports no OS: it is the deterministic part only.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { assertFunction, assertIntInRange, assertOptions } from '@shimkit/os-shim/validate';
import { type Aes256Ctr, jsAes256Ctr } from './aes-ctr.js';
import { UnseededError } from './errors.js';
import { type Generator, MAX_REQUEST } from './generator.js';
import { SERVE, type Serving } from './internal.js';
import { checkDestination, checkLength, checkSeed } from './request.js';

/** Number of entropy pools. */
export const FORTUNA_POOLS = 32;
/** Largest chunk served under one key (bytes). */
export const FORTUNA_CHUNK = 65_536;
/** Pool 0 must hold more than this many bytes before a pool reseed. */
export const FORTUNA_MIN_POOL0 = 64;
/** Minimum time between two pool reseeds when a clock is given (ns). */
export const FORTUNA_RESEED_INTERVAL_NS = 1_000_000_000n;


type Sha256 = ReturnType<typeof sha256.create>;

export interface FortunaOptions {
  /**
   * A monotonic clock in nanoseconds (e.g. `os.time.monotonicNs`). When given, pool reseeds
   * happen at most once per second, as Fortuna prescribes; without it they are not rate-limited
   * (as in mirage-crypto-rng created without a time function, which the known answers use).
   */
  clock?: () => bigint;
  /**
   * The AES-256-CTR keystream to use. Default: `jsAes256Ctr` (@noble/ciphers, pure JavaScript).
   * Pass an accelerator (e.g. a backend's `os.cpu.aes256Ctr`) to go faster; it must give the
   * same bytes.
   */
  aes?: Aes256Ctr;
}

/** SHA-256d of the bytes that `feed` pushes into a fresh SHA-256 context. */
function sha256d(feed: (h: Sha256) => void): Uint8Array {
  const h = sha256.create();
  feed(h);
  const inner = h.digest();
  const outer = sha256(inner);
  inner.fill(0);
  return outer;
}

const OPTION_KEYS = ['clock', 'aes'] as const;

/**
 * Fortuna, byte-compatible with mirage-crypto-rng (see the module comment).
 *
 * @example
 * const g = new Fortuna();          // pure JS; new Fortuna({ aes: os.cpu.aes256Ctr }) to accelerate
 * g.reseed(seed32);                 // any length is mixed in; the entropy it carries is yours to ensure
 * g.generate(16);                   // Uint8Array(16)
 */
export class Fortuna implements Generator, Serving {
  readonly name: string = 'fortuna';
  readonly maxRequest = MAX_REQUEST;
  /** True when AES-256-CTR runs in the OS backend's accelerator rather than in JavaScript. */
  readonly accelerated: boolean;

  #key: Uint8Array = new Uint8Array(32);
  /** The 128-bit counter C as four 32-bit words, most significant first (no BigInt on the hot path). */
  readonly #counter = new Uint32Array(4);
  readonly #counterBlock = new Uint8Array(16);
  readonly #counterView = new DataView(this.#counterBlock.buffer);
  /** A zeroed 32-byte buffer the next key is written into (the replaced key becomes the next spare). */
  #spare: Uint8Array = new Uint8Array(32);
  #pools: Sha256[] = Array.from({ length: FORTUNA_POOLS }, () => sha256.create());
  #pool0Length = 0;
  #reseedCount = 0;
  #lastPoolReseedNs: bigint | undefined;
  readonly #clock: (() => bigint) | undefined;
  readonly #aes: Aes256Ctr;

  /**
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE`: `options` not an object, an unknown key,
   *   `clock` or `aes` not a function.
   */
  constructor(options?: FortunaOptions) {
    const { clock, aes } = assertOptions<FortunaOptions>(options, 'options', OPTION_KEYS);
    if (clock !== undefined) assertFunction(clock, 'options.clock');
    if (aes !== undefined) assertFunction(aes, 'options.aes');
    this.#clock = clock;
    const chosen = aes ?? jsAes256Ctr;
    this.#aes = chosen;
    this.accelerated = chosen !== jsAes256Ctr;
  }

  /** True once the counter left zero (a reseed, or a pool reseed, happened). */
  get seeded(): boolean {
    return this.#counterIsSet();
  }

  /** Pool reseeds done so far. */
  get reseedCount(): number {
    return this.#reseedCount;
  }

  /** Bytes added to pool 0 since the last pool reseed. */
  get pool0Length(): number {
    return this.#pool0Length;
  }

  /**
   * K ← SHA-256d(K ‖ seed); C ← C + 1 (the first call seeds the generator).
   *
   * Any length of `seed` is accepted, including 0, exactly as mirage-crypto-rng does (the known
   * answers use short seeds): Fortuna mixes what it is given and cannot measure its entropy, so
   * `seeded` only says that a reseed happened. Seeding it securely is the caller's job: give it
   * at least 256 bits of entropy (e.g. 32 bytes from an OS CSPRNG). The default runtime does —
   * it counts as seeded only from at least 256 bits of credited entropy.
   *
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER` when `seed` is not a live Uint8Array.
   */
  reseed(seed: Uint8Array): void {
    const s = checkSeed(seed);
    this.#rekeyWith((h) => h.update(s));
  }

  /**
   * Feeds `data` into pool `pool` (0–31), tagged with `source` (0–255): the pool absorbs the
   * bytes (source, data.length mod 256) and then `data`.
   *
   * @throws ShimkitRangeError `ERR_OUT_OF_RANGE` (source or pool out of range), ShimkitTypeError
   *   `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER` (data not a live Uint8Array).
   * @example fortuna.add(2, 0, timingSamples);
   */
  add(source: number, pool: number, data: Uint8Array): void {
    const src = assertIntInRange(source, 'source', 0, 255);
    const p = assertIntInRange(pool, 'pool', 0, FORTUNA_POOLS - 1);
    const d = checkSeed(data, 'data');
    const ctx = this.#pools[p]!;
    ctx.update(Uint8Array.of(src, d.length & 0xff));
    ctx.update(d);
    if (p === 0) this.#pool0Length += d.length;
  }

  /**
   * Round-robin feeding for one source (mirage-crypto-rng's `accumulate`): the k-th call of the
   * returned function (k from 0) adds its data to pool k mod 32.
   *
   * @throws ShimkitRangeError `ERR_OUT_OF_RANGE` when `source` is not in [0, 255].
   * @example const feed = fortuna.accumulator(3); feed(sample);
   */
  accumulator(source: number): (data: Uint8Array) => void {
    const src = assertIntInRange(source, 'source', 0, 255);
    let next = 0;
    return (data) => {
      this.add(src, next, data);
      next = (next + 1) % FORTUNA_POOLS;
    };
  }

  /**
   * `n` fresh bytes, 0 ≤ n ≤ 2^31 − 1.
   *
   * @throws ShimkitTypeError / ShimkitRangeError (`ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`) for a bad `n`.
   * @throws UnseededError `ERR_UNSEEDED` before the first reseed.
   */
  generate(n: number): Uint8Array {
    const len = checkLength(n, MAX_REQUEST);
    const out = new Uint8Array(len);
    this[SERVE](out);
    return out;
  }

  /**
   * Overwrites every byte of `dest` (an integer typed array or DataView; float arrays are
   * refused). On an argument error `dest` is untouched; on any other error it is all zero.
   *
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER` / `ERR_READ_ONLY_BUFFER`,
   *   ShimkitRangeError `ERR_OUT_OF_RANGE`, UnseededError `ERR_UNSEEDED`.
   */
  fill(dest: ArrayBufferView): void {
    this[SERVE](checkDestination(dest, MAX_REQUEST));
  }

  /** @internal Serves a validated destination; all zero on any throw. */
  [SERVE](out: Uint8Array): void {
    try {
      this.#maybePoolReseed();
      if (!this.#counterIsSet()) {
        throw new UnseededError(
          this.name,
          'call reseed(seed) with seed material carrying at least 256 bits of entropy (e.g. 32 bytes from the OS CSPRNG), or add() more than 64 bytes to pool 0',
        );
      }
      // A request of 0 bytes serves no chunk, hence no rekey (as mirage-crypto-rng).
      if (out.length === 0) return;
      if (out.length <= FORTUNA_CHUNK) this.#chunk(out);
      else for (let off = 0; off < out.length; off += FORTUNA_CHUNK) this.#chunk(out.subarray(off, Math.min(out.length, off + FORTUNA_CHUNK)));
    } catch (error) {
      out.fill(0);
      throw error;
    }
  }

  /** One chunk: ⌈m/16⌉ blocks of output, then two blocks that become the next key. */
  #chunk(dest: Uint8Array): void {
    const blocks = (dest.length + 15) >>> 4;
    this.#aes(this.#key, this.#setCounterBlock(0), dest);
    const next = this.#spare;
    this.#aes(this.#key, this.#setCounterBlock(blocks), next);
    const old = this.#key;
    old.fill(0);
    this.#key = next;
    this.#spare = old;
    this.#addToCounter(blocks + 2);
  }

  /** True once C left zero. */
  #counterIsSet(): boolean {
    const c = this.#counter;
    return (c[0]! | c[1]! | c[2]! | c[3]!) !== 0;
  }

  /** C ← (C + n) mod 2^128, for 0 ≤ n < 2^32. */
  #addToCounter(n: number): void {
    const c = this.#counter;
    let carry = n;
    for (let i = 3; i >= 0 && carry !== 0; i--) {
      const sum = c[i]! + carry;
      c[i] = sum; // stored mod 2^32
      carry = sum > 0xffff_ffff ? 1 : 0;
    }
  }

  /** Writes (C + plus) mod 2^128 as the big-endian counter block, for 0 ≤ plus < 2^32. */
  #setCounterBlock(plus: number): Uint8Array {
    const c = this.#counter;
    const view = this.#counterView;
    let carry = plus;
    for (let i = 3; i >= 0; i--) {
      const sum = c[i]! + carry;
      view.setUint32(i * 4, sum >>> 0);
      carry = sum > 0xffff_ffff ? 1 : 0;
    }
    return this.#counterBlock;
  }

  #rekeyWith(feed: (h: Sha256) => void): void {
    const key = this.#key;
    const next = sha256d((h) => {
      h.update(key);
      feed(h);
    });
    key.fill(0);
    this.#key = next;
    this.#addToCounter(1);
  }

  #maybePoolReseed(): void {
    if (this.#pool0Length <= FORTUNA_MIN_POOL0) return;
    let now: bigint | undefined;
    if (this.#clock !== undefined) {
      now = this.#clock();
      if (this.#lastPoolReseedNs !== undefined && now - this.#lastPoolReseedNs < FORTUNA_RESEED_INTERVAL_NS) return;
    }
    this.#lastPoolReseedNs = now;
    const r = ++this.#reseedCount;
    this.#pool0Length = 0;
    const digests: Uint8Array[] = [];
    for (let i = 0; i < FORTUNA_POOLS && r % 2 ** i === 0; i++) {
      const pool = this.#pools[i]!;
      const inner = pool.digest();
      digests.push(sha256(inner));
      inner.fill(0);
      pool.destroy();
      this.#pools[i] = sha256.create();
    }
    this.#rekeyWith((h) => {
      for (const d of digests) h.update(d);
    });
    for (const d of digests) d.fill(0);
  }
}

/**
 * The user API over any `Generator`: what users of a crypto library expect (the shape of
 * Node's `crypto.randomBytes` / `randomFillSync` / `randomUUID` / `randomInt`), working in a bare
 * JavaScript engine (no Node or Web API is used).
 *
 * - `randomUUID()`: an RFC 9562 §5.4 version 4 UUID (122 random bits, version 0b0100, variant
 *   0b10), lower-case `8-4-4-4-12` hex.
 * - `randomInt(max)` / `randomInt(min, max)`: a uniform integer in [min, max), with Node's
 *   argument conventions: `min` and `max` must be safe integers (anything else — another type,
 *   a fraction, NaN, ±Infinity, an unsafe integer — is `ShimkitTypeError` `ERR_INVALID_ARG_TYPE`),
 *   `max > min` and `max − min < 2^48` (else `ShimkitRangeError` `ERR_OUT_OF_RANGE`). Unbiased by
 *   rejection sampling: draw the fewest bytes that cover ⌈log2(range)⌉ bits, keep that many low
 *   bits of their big-endian value, retry while the value is ≥ range (fewer than 2 draws on average).
 * - Every method validates its arguments once, before drawing, so bad input never consumes output;
 *   the generator below is then called through the package's internal serving protocol, without
 *   validating again.
 */

import { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
import { assertSafeInteger } from '@shimkit/os-shim/validate';
import type { Generator } from './generator.js';
import { MAX_REQUEST } from './generator.js';
import { serverOf, TAKE_UINT, type TakingUint } from './internal.js';
import { checkDestination, checkLength, checkSeed } from './request.js';

/** Largest `max - min` that `randomInt` accepts, exclusive: 2^48 (as Node's). */
export const RANDOM_INT_MAX_RANGE = 2 ** 48;

export interface Random {
  /** The generator behind this API. */
  readonly generator: Generator;
  /** True once the generator was seeded. */
  readonly seeded: boolean;
  /** `n` fresh bytes (0 ≤ n ≤ the generator's cap, at most 2^31 - 1). */
  generate(n: number): Uint8Array;
  /** Same as `generate` (a `Uint8Array`: there is no `Buffer` outside Node). */
  randomBytes(n: number): Uint8Array;
  /**
   * Overwrites every byte of `dest` (an integer typed array or DataView; float arrays are
   * refused, as `getRandomValues` refuses them); returns `dest`. On an argument error `dest` is
   * untouched; on any other error it is all zero.
   */
  fill<T extends ArrayBufferView>(dest: T): T;
  /** An RFC 9562 version 4 UUID. */
  randomUUID(): string;
  /** A uniform integer in [0, max). */
  randomInt(max: number): number;
  /** A uniform integer in [min, max). */
  randomInt(min: number, max: number): number;
  /** Mixes `seed` into the generator (the first call seeds it). */
  reseed(seed: Uint8Array): void;
}

/** Character codes of the lower-case hex digits. */
const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 0x2d;

/**
 * Sets the version and variant bits of 16 random bytes, formats them as a UUID, and wipes them.
 * One `String.fromCharCode` call of 36 codes builds the string flat, in one allocation (about
 * half the time of twenty concatenations).
 * @internal
 */
export function formatUuid(b: Uint8Array): string {
  const c = HEX_CODES;
  const b6 = (b[6]! & 0x0f) | 0x40;
  const b8 = (b[8]! & 0x3f) | 0x80;
  const s = String.fromCharCode(
    c[b[0]! >>> 4]!, c[b[0]! & 15]!, c[b[1]! >>> 4]!, c[b[1]! & 15]!, c[b[2]! >>> 4]!, c[b[2]! & 15]!, c[b[3]! >>> 4]!, c[b[3]! & 15]!, DASH,
    c[b[4]! >>> 4]!, c[b[4]! & 15]!, c[b[5]! >>> 4]!, c[b[5]! & 15]!, DASH,
    c[b6 >>> 4]!, c[b6 & 15]!, c[b[7]! >>> 4]!, c[b[7]! & 15]!, DASH,
    c[b8 >>> 4]!, c[b8 & 15]!, c[b[9]! >>> 4]!, c[b[9]! & 15]!, DASH,
    c[b[10]! >>> 4]!, c[b[10]! & 15]!, c[b[11]! >>> 4]!, c[b[11]! & 15]!, c[b[12]! >>> 4]!, c[b[12]! & 15]!,
    c[b[13]! >>> 4]!, c[b[13]! & 15]!, c[b[14]! >>> 4]!, c[b[14]! & 15]!, c[b[15]! >>> 4]!, c[b[15]! & 15]!,
  );
  b.fill(0);
  return s;
}

/** 2^i for i in [0, 48]: a table, because `2 ** bits` with a variable `bits` costs V8 a slow `Math.pow`. */
const POW2 = Array.from({ length: 49 }, (_, i) => 2 ** i);

/** Bits needed to write `x` (0 ≤ x < 2^53). */
function bitLength(x: number): number {
  return x < 0x1_0000_0000 ? 32 - Math.clz32(x) : 64 - Math.clz32(Math.floor(x / 0x1_0000_0000));
}

/**
 * `randomInt(a)` / `randomInt(a, b)` by rejection sampling over `take(nbytes)` (the next
 * `nbytes` output bytes as a big-endian integer). Validates first, Node's conventions.
 * @internal
 */
export function randomIntFrom(take: (nbytes: number) => number, a: unknown, b: unknown): number {
  let min: number;
  let max: number;
  if (b === undefined) {
    min = 0;
    max = assertSafeInteger(a, 'max');
  } else {
    min = assertSafeInteger(a, 'min');
    max = assertSafeInteger(b, 'max');
  }
  if (!(max > min)) throw new ShimkitRangeError(`max must be greater than min (${min}), got ${max}`);
  const range = max - min;
  if (!(range < RANDOM_INT_MAX_RANGE)) {
    throw new ShimkitRangeError(`max - min must be less than 2^48 (${RANDOM_INT_MAX_RANGE}), got ${range}`);
  }
  if (range === 1) return min;
  const bits = bitLength(range - 1);
  const nbytes = (bits + 7) >>> 3;
  if (bits >= 32) return wideRandomInt(take, min, range, bits, nbytes);
  // The low `bits` bits of a value below 2^32, with 32-bit integer operations.
  const mask = -1 >>> (32 - bits);
  for (;;) {
    const v = take(nbytes) & mask;
    if (v < range) return min + v;
  }
}

/**
 * The 32 … 48-bit case, kept apart so that the common small case stays in small-integer
 * arithmetic: v − ⌊v / 2^bits⌋ · 2^bits is exact in doubles (a power of two divides exactly)
 * and avoids a floating-point remainder.
 */
function wideRandomInt(take: (nbytes: number) => number, min: number, range: number, bits: number, nbytes: number): number {
  const mod = POW2[bits]!;
  for (;;) {
    const raw = take(nbytes);
    const v = raw - Math.floor(raw / mod) * mod;
    if (v < range) return min + v;
  }
}

/**
 * Wraps `gen` in the user API.
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` when `gen` is not a Generator.
 * @example
 * const rng = createRandom(new ChaChaFront(seededFortuna));
 * rng.randomUUID(); // '1b4e28ba-2fa1-41d2-883f-0016d3cca427'
 * rng.randomInt(10, 20);
 */
export function createRandom(gen: Generator): Random {
  if (typeof gen !== 'object' || gen === null || typeof gen.generate !== 'function' || typeof gen.fill !== 'function') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'createRandom needs a Generator (an object with generate and fill)');
  }
  const cap = Math.min(gen.maxRequest ?? MAX_REQUEST, MAX_REQUEST);
  const serve = serverOf(gen);
  const uuid = new Uint8Array(16);
  const scratch = new Uint8Array(8);
  const views = Array.from({ length: 7 }, (_, n) => scratch.subarray(0, n));
  const own = (gen as Partial<TakingUint>)[TAKE_UINT];
  const take =
    typeof own === 'function'
      ? (nbytes: number): number => own.call(gen, nbytes)
      : (nbytes: number): number => {
          const view = views[nbytes]!;
          serve(view);
          let v = 0;
          for (let i = 0; i < nbytes; i++) v = v * 256 + view[i]!;
          view.fill(0);
          return v;
        };

  const generate = (n: number): Uint8Array => {
    const out = new Uint8Array(checkLength(n, cap));
    serve(out, true);
    return out;
  };

  return {
    generator: gen,
    get seeded() {
      return gen.seeded;
    },
    generate,
    randomBytes: generate,
    fill<T extends ArrayBufferView>(dest: T): T {
      serve(checkDestination(dest, cap));
      return dest;
    },
    randomUUID(): string {
      serve(uuid);
      return formatUuid(uuid);
    },
    randomInt: ((a: number, b?: number): number => randomIntFrom(take, a, b)) as Random['randomInt'],
    reseed(seed: Uint8Array): void {
      gen.reseed(checkSeed(seed));
    },
  };
}

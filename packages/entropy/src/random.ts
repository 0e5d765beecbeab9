/**
 * The user API over any `Generator`: what users of a crypto library expect (the shape of
 * Node's `crypto.randomBytes` / `randomFillSync` / `randomUUID` / `randomInt`), working in a bare
 * JavaScript engine (no Node or Web API is used).
 *
 * - `randomUUID()`: an RFC 9562 §5.4 version 4 UUID (122 random bits, version 0b0100, variant
 *   0b10), lower-case `8-4-4-4-12` hex.
 * - `randomInt(max)` / `randomInt(min, max)`: a uniform integer in [min, max), `min` and `max`
 *   safe integers, `max - min` in [1, 2^48). Unbiased by rejection sampling: draw the fewest
 *   bytes that cover ⌈log2(range)⌉ bits, keep that many bits, retry while the value is ≥ range
 *   (fewer than 2 draws on average).
 * - Every method validates its arguments before drawing, so bad input never consumes output.
 */

import { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
import type { Generator } from './generator.js';
import { MAX_REQUEST } from './generator.js';
import { checkDestination, checkLength, checkSeed } from './request.js';

/** Largest `max - min` + 1 that `randomInt` accepts, exclusive: 2^48 (as Node's). */
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
  /** Overwrites every byte of `dest` (any ArrayBufferView); returns `dest`. */
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

const HEX = Array.from({ length: 256 }, (_, i) => (i < 16 ? '0' : '') + i.toString(16));

function checkSafeInteger(value: unknown, name: string): number {
  if (typeof value !== 'number') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a number, got ${typeof value}`);
  }
  if (!Number.isSafeInteger(value)) throw new ShimkitRangeError(`${name} must be a safe integer, got ${value}`);
  return value;
}

/** Wraps `gen` in the user API. */
export function createRandom(gen: Generator): Random {
  if (typeof gen !== 'object' || gen === null || typeof gen.generate !== 'function' || typeof gen.fill !== 'function') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'createRandom needs a Generator');
  }
  const cap = Math.min(gen.maxRequest ?? MAX_REQUEST, MAX_REQUEST);
  const scratch = new Uint8Array(16);

  const generate = (n: number): Uint8Array => gen.generate(checkLength(n, cap));

  function randomUUID(): string {
    const b = scratch;
    gen.fill(b);
    b[6] = (b[6]! & 0x0f) | 0x40;
    b[8] = (b[8]! & 0x3f) | 0x80;
    let s = '';
    for (let i = 0; i < 16; i++) {
      s += HEX[b[i]!]!;
      if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
    }
    b.fill(0);
    return s;
  }

  function randomInt(a: number, b?: number): number {
    const [min, max] = b === undefined ? [0, checkSafeInteger(a, 'max')] : [checkSafeInteger(a, 'min'), checkSafeInteger(b, 'max')];
    const range = max - min;
    if (!(range >= 1 && range < RANDOM_INT_MAX_RANGE)) {
      throw new ShimkitRangeError(`max - min must be in [1, 2^48), got max ${max} and min ${min}`);
    }
    if (range === 1) return min;
    let bits = 0;
    while (2 ** bits < range) bits++;
    const nbytes = Math.ceil(bits / 8);
    const mod = 2 ** bits;
    const draw = scratch.subarray(0, nbytes);
    try {
      for (;;) {
        gen.fill(draw);
        let value = 0;
        for (let i = 0; i < nbytes; i++) value = value * 256 + draw[i]!;
        value %= mod;
        if (value < range) return min + value;
      }
    } finally {
      draw.fill(0);
    }
  }

  return {
    generator: gen,
    get seeded() {
      return gen.seeded;
    },
    generate,
    randomBytes: generate,
    fill<T extends ArrayBufferView>(dest: T): T {
      checkDestination(dest, cap);
      gen.fill(dest);
      return dest;
    },
    randomUUID,
    randomInt: randomInt as Random['randomInt'],
    reseed(seed: Uint8Array): void {
      gen.reseed(checkSeed(seed));
    },
  };
}

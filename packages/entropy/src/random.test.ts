import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChaChaFront } from './chacha-front.js';
import { UnseededError } from './errors.js';
import { Fortuna } from './fortuna.js';
import type { Generator } from './generator.js';
import { HmacDrbg } from './hmac-drbg.js';
import { createRandom } from './random.js';
import { createUnsafeDeterministicRandom, UNSAFE_DETERMINISTIC_NAME } from './unsafe-deterministic.js';
import { hex, errorCode as code } from './test-support.js';


const makers: Record<string, () => Generator> = {
  fortuna: () => new Fortuna(),
  'hmac-drbg-sha256': () => new HmacDrbg(),
  'hmac-drbg-sha512': () => new HmacDrbg({ hash: 'sha512' }),
  'chacha-front(fortuna)': () => new ChaChaFront(new Fortuna()),
  'chacha-front(hmac-drbg, keystream bulk)': () => new ChaChaFront(new HmacDrbg(), { bulk: 'keystream' }),
};

describe('createRandom', () => {
  const seeded = () => createUnsafeDeterministicRandom(new Uint8Array([1, 2, 3]));

  it('randomUUID is RFC 9562 version 4 and uses the generator bytes', () => {
    const r = seeded();
    const bytes = createUnsafeDeterministicRandom(new Uint8Array([1, 2, 3])).generate(16);
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const h = hex(bytes);
    const want = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    const uuid = r.randomUUID();
    expect(uuid).toBe(want);
    for (let i = 0; i < 200; i++) {
      expect(r.randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('randomInt takes the low bits of the fewest bytes and rejects values out of range', () => {
    // range 6 → 3 bits from 1 byte; a value ≥ 6 is rejected and a new byte drawn.
    const r = seeded();
    const twin = seeded();
    const expected: number[] = [];
    let rejected = 0;
    while (expected.length < 20) {
      const v = twin.generate(1)[0]! % 8;
      if (v < 6) expected.push(10 + v);
      else rejected++;
    }
    expect(rejected).toBeGreaterThan(0);
    const got = Array.from({ length: 20 }, () => r.randomInt(10, 16));
    expect(got).toEqual(expected);
  });

  it('randomInt is uniform (chi-square over 6 buckets) and covers [min, max)', () => {
    const r = seeded();
    const counts = new Array(6).fill(0);
    const N = 60_000;
    for (let i = 0; i < N; i++) counts[r.randomInt(6)]++;
    const chi = counts.reduce((s, c) => s + (c - N / 6) ** 2 / (N / 6), 0);
    expect(chi).toBeLessThan(20.5); // p ≈ 0.001 for 5 degrees of freedom
    const big = Array.from({ length: 100 }, () => r.randomInt(1 - 2 ** 47, 2 ** 47));
    for (const v of big) expect(Number.isSafeInteger(v) && v >= 1 - 2 ** 47 && v < 2 ** 47).toBe(true);
    expect(r.randomInt(5, 6)).toBe(5);
  });

  it('rejects bad input with stable codes and draws nothing', () => {
    const r = seeded();
    const twin = seeded();
    expect(code(() => r.randomInt(5, 5))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => r.randomInt(0, 2 ** 48))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => r.randomInt(1.5))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => r.randomInt(Number.NaN))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => r.randomInt('3' as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => r.randomBytes(-1))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => r.randomBytes(2 ** 31))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => r.generate(undefined as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => r.fill([1, 2] as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    const detached = new Uint8Array(8);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(code(() => r.fill(detached))).toBe('ShimkitTypeError:ERR_DETACHED_BUFFER');
    const frozen = new Uint8Array(8);
    Object.defineProperty(frozen.buffer, 'immutable', { value: true });
    expect(code(() => r.fill(frozen))).toBe('ShimkitTypeError:ERR_READ_ONLY_BUFFER');
    expect(code(() => r.reseed(null as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(hex(r.generate(32))).toBe(hex(twin.generate(32)));
    const drbg = createRandom(new HmacDrbg());
    expect(code(() => drbg.generate(65_537))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => createRandom({} as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
  });

  it('throws ERR_UNSEEDED from every method on an unseeded generator', () => {
    const r = createRandom(new Fortuna());
    expect(r.seeded).toBe(false);
    for (const fn of [() => r.randomBytes(1), () => r.randomUUID(), () => r.randomInt(10), () => r.fill(new Uint8Array(2))]) {
      expect(fn).toThrow(UnseededError);
    }
    r.reseed(new Uint8Array(48));
    expect(r.seeded).toBe(true);
  });

  it('names the test-only generator as unsafe', () => {
    expect(seeded().generator.name).toBe(UNSAFE_DETERMINISTIC_NAME);
    expect(UNSAFE_DETERMINISTIC_NAME).toMatch(/UNSAFE/);
  });
});

type Step = { kind: 'reseed'; seed: Uint8Array } | { kind: 'generate'; n: number } | { kind: 'fill'; n: number; offset: number } | { kind: 'uuid' } | { kind: 'int'; min: number; span: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('reseed' as const), seed: fc.uint8Array({ minLength: 48, maxLength: 80 }) }),
  fc.record({ kind: fc.constant('generate' as const), n: fc.oneof(fc.nat(300), fc.integer({ min: 1000, max: 70_000 })) }),
  fc.record({ kind: fc.constant('fill' as const), n: fc.nat(5000), offset: fc.nat(7) }),
  fc.record({ kind: fc.constant('uuid' as const) }),
  fc.record({ kind: fc.constant('int' as const), min: fc.integer({ min: -1e9, max: 1e9 }), span: fc.integer({ min: 1, max: 2 ** 40 }) }),
);

/** Applies the steps; returns a transcript of every output (or error code). */
function play(make: () => Generator, seed: Uint8Array, steps: Step[]): string[] {
  const r = createRandom(make());
  r.reseed(seed);
  const log: string[] = [];
  for (const s of steps) {
    if (s.kind === 'reseed') {
      r.reseed(s.seed);
      log.push('reseed');
    } else if (s.kind === 'generate') {
      const cap = r.generator.maxRequest ?? 2 ** 31 - 1;
      if (s.n > cap) {
        log.push(code(() => r.generate(s.n))!);
        continue;
      }
      const out = r.generate(s.n);
      expect(out.length).toBe(s.n);
      log.push(hex(out));
    } else if (s.kind === 'fill') {
      const backing = new Uint8Array(s.n + 16).fill(0xcc);
      const view = backing.subarray(s.offset, s.offset + s.n);
      expect(r.fill(view)).toBe(view);
      expect(backing.subarray(s.offset + s.n).every((x) => x === 0xcc)).toBe(true);
      expect(backing.subarray(0, s.offset).every((x) => x === 0xcc)).toBe(true);
      log.push(hex(view));
    } else if (s.kind === 'uuid') {
      log.push(r.randomUUID());
    } else {
      const v = r.randomInt(s.min, s.min + s.span);
      expect(v >= s.min && v < s.min + s.span).toBe(true);
      log.push(String(v));
    }
  }
  return log;
}

describe('properties over arbitrary reseed/generate sequences', () => {
  for (const [name, make] of Object.entries(makers)) {
    it(`${name}: exact lengths, no errors but invalid input, same seed agrees, different seed differs`, () => {
      fc.assert(
        fc.property(
          fc.uint8Array({ minLength: 48, maxLength: 64 }),
          fc.uint8Array({ minLength: 48, maxLength: 64 }),
          fc.array(step, { minLength: 1, maxLength: 12 }),
          (seedA, seedB, steps) => {
            const a = play(make, seedA, steps);
            const again = play(make, seedA, steps);
            expect(again).toEqual(a);
            const b = play(make, seedB, steps);
            const firstOutput = steps.findIndex(
              (s, k) => (s.kind === 'uuid' || ((s.kind === 'generate' || s.kind === 'fill') && s.n >= 16)) && !a[k]!.startsWith('Shimkit'),
            );
            if (hex(seedA) !== hex(seedB) && firstOutput >= 0) expect(b[firstOutput]).not.toBe(a[firstOutput]);
          },
        ),
        { numRuns: 40 },
      );
    });
  }

  it('invalid lengths always throw a typed argument error and never return bytes', () => {
    const r = createUnsafeDeterministicRandom(new Uint8Array(1));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ max: -1 }),
          fc.double({ noInteger: true }),
          fc.constant(Number.NaN),
          fc.constant(Infinity),
          fc.integer({ min: 2 ** 31, max: Number.MAX_SAFE_INTEGER }),
          fc.string(),
          fc.constant(null),
          fc.bigInt(),
        ),
        (n) => {
          const c = code(() => r.randomBytes(n as never));
          expect(['ShimkitRangeError:ERR_OUT_OF_RANGE', 'ShimkitTypeError:ERR_INVALID_ARG_TYPE']).toContain(c);
        },
      ),
      { numRuns: 200 },
    );
  });
});

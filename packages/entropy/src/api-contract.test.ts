/**
 * Issue 10 points 6 and 7 (entropy side): randomInt's argument errors as Node's, error texts,
 * what `reseed` accepts, float arrays, unknown option keys — on every generator and entry.
 */
import { randomInt as nodeRandomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChaChaFront } from './chacha-front.js';
import { Fortuna } from './fortuna.js';
import type { Generator } from './generator.js';
import { HmacDrbg } from './hmac-drbg.js';
import { createRandom } from './random.js';
import { EntropyRuntime, MIN_SEED_ENTROPY_BITS } from './runtime.js';
import { deterministicOs, errorCode } from './test-support.js';
import { createUnsafeDeterministicRandom } from './unsafe-deterministic.js';

/** [is a TypeError, is a RangeError, code] of what `fn` throws. */
function shape(fn: () => unknown): [boolean, boolean, string | undefined] | 'no throw' {
  try {
    fn();
  } catch (e) {
    return [e instanceof TypeError, e instanceof RangeError, (e as { code?: string }).code];
  }
  return 'no throw';
}

describe("randomInt arguments follow Node's crypto.randomInt", () => {
  const cases: unknown[][] = [
    [1.5],
    [Number.NaN],
    [Infinity],
    [-Infinity],
    [2 ** 53],
    [-(2 ** 53)],
    [undefined],
    [null],
    ['3'],
    [10n],
    [0],
    [-5],
    [5, 5],
    [3, 2],
    [0, 2 ** 48],
    [-(2 ** 47), 2 ** 47],
    [1, 1.5],
    [Number.NaN, 3],
    [0, Infinity],
    [-(2 ** 53), 0],
  ];
  const rt = new EntropyRuntime(deterministicOs('int'), { log: () => {} });
  const apis: [string, (a: unknown, b?: unknown) => number][] = [
    ['createRandom', (a, b) => (b === undefined ? createUnsafeDeterministicRandom(new Uint8Array(1)).randomInt(a as number) : createUnsafeDeterministicRandom(new Uint8Array(1)).randomInt(a as number, b as number))],
    ['the runtime', (a, b) => rt.randomInt(a as number, b as number | undefined)],
  ];
  for (const [label, ours] of apis) {
    it(`${label}: the same error class and code as node:crypto for ${cases.length} bad inputs`, () => {
      for (const args of cases) {
        const want = shape(() => (args.length === 1 ? nodeRandomInt(args[0] as number) : nodeRandomInt(args[0] as number, args[1] as number)));
        expect(want, `node accepts ${String(args)}?`).not.toBe('no throw');
        expect(shape(() => ours(args[0], args[1])), String(args)).toEqual(want);
      }
    });
  }
  it('messages name the argument and what it got, once', () => {
    const r = createUnsafeDeterministicRandom(new Uint8Array(1));
    expect(() => r.randomInt(1.5)).toThrow('max must be a safe integer, got number 1.5');
    expect(() => r.randomInt(undefined as never)).toThrow(/^max must be a safe integer, got undefined$/);
    expect(() => r.randomInt(5, 5)).toThrow('max must be greater than min (5), got 5');
    expect(() => r.randomInt(0, 2 ** 48)).toThrow('max - min must be less than 2^48 (281474976710656), got 281474976710656');
    expect(() => r.randomBytes(undefined as never)).toThrow(/^n must be a number, got undefined$/);
    expect(() => new Fortuna().generate(undefined as never)).toThrow(/^n must be a number, got undefined$/);
    rt.stop();
  });
});

describe('what reseed accepts, and what the default runtime guarantees', () => {
  it("Fortuna.reseed accepts any length (mirage-crypto-rng's contract), the error text says what secure seeding needs", () => {
    for (const n of [0, 8]) {
      const f = new Fortuna();
      f.reseed(new Uint8Array(n));
      expect(f.seeded).toBe(true);
      expect(f.generate(4)).toHaveLength(4);
    }
    expect(() => new Fortuna().generate(1)).toThrow(/at least 256 bits of entropy/);
    expect(() => new Fortuna().generate(1)).toThrow(/counts as seeded only once its sources gave at least 256 bits of credited entropy/);
    expect(() => new Fortuna().generate(1)).not.toThrow(/at least 32 bytes from a real/);
  });

  it('the runtime counts as seeded only from ≥ 256 bits of credited entropy; below that ERR_NO_ENTROPY names the shortfall', () => {
    expect(MIN_SEED_ENTROPY_BITS).toBe(256);
    const ok = new EntropyRuntime(deterministicOs('bits'), { log: () => {} });
    expect(ok.initialize().seedEntropyBits).toBeGreaterThanOrEqual(256);
    ok.stop();
    const none = new EntropyRuntime(deterministicOs('zero', { cpu: { cycles: () => 42 }, random: null }), { log: () => {} });
    expect(() => none.initialize()).toThrow(/0 of the 256 bits of credited entropy a seed needs/);
    expect(none.status().seedEntropyBits).toBe(0);
  });
});

describe('float arrays are refused like getRandomValues refuses them, everywhere; integer views and DataView are fine', () => {
  const seeded = (g: Generator): Generator => {
    g.reseed(new Uint8Array(48).fill(1));
    return g;
  };
  const rt = new EntropyRuntime(deterministicOs('float'), { log: () => {} });
  const fills: [string, (d: ArrayBufferView) => unknown][] = [
    ['Fortuna', (d) => seeded(new Fortuna()).fill(d)],
    ['HmacDrbg', (d) => seeded(new HmacDrbg()).fill(d)],
    ['ChaChaFront', (d) => new ChaChaFront(seeded(new Fortuna())).fill(d)],
    ['createRandom', (d) => createRandom(seeded(new Fortuna())).fill(d)],
    ['the runtime', (d) => rt.fill(d)],
    ['createRandom(runtime.generator)', (d) => createRandom(rt.generator).fill(d)],
  ];
  for (const [label, fill] of fills) {
    it(label, () => {
      for (const f of [new Float64Array(4).fill(0.5), new Float32Array(4).fill(0.5)]) {
        expect(errorCode(() => fill(f))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
        expect([...f]).toEqual([0.5, 0.5, 0.5, 0.5]);
      }
      for (const v of [new Int32Array(4), new BigUint64Array(2), new DataView(new ArrayBuffer(16)), new Uint8ClampedArray(16)]) {
        const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        fill(v);
        expect(bytes.some((x) => x !== 0)).toBe(true);
      }
    });
  }
});

describe('unknown option keys are a typed error naming them, in every options object', () => {
  const parent = new Fortuna();
  const cases: [string, () => unknown, string][] = [
    ['new Fortuna', () => new Fortuna({ bogus: 1 } as never), 'options has unknown key "bogus"; allowed: clock, aes'],
    ['new ChaChaFront', () => new ChaChaFront(parent, { reseedbytes: 5 } as never), 'options has unknown key "reseedbytes"; allowed: clock, reseedBytes, reseedIntervalNs, bulkThreshold, bulk, chacha'],
    ['new HmacDrbg', () => new HmacDrbg({ hash: 'sha256', nonce: 1 } as never), 'options has unknown key "nonce"; allowed: hash, reseedInterval, entropy, predictionResistance, personalization'],
    ['HmacDrbg.generate', () => new HmacDrbg().generate(1, { additional: 1 } as never), 'options has unknown key "additional"; allowed: additionalInput, predictionResistance'],
    ['HmacDrbg.fill', () => new HmacDrbg().fill(new Uint8Array(1), { a: 1, b: 2 } as never), 'options has unknown keys "a", "b"; allowed: additionalInput, predictionResistance'],
    ['new EntropyRuntime', () => new EntropyRuntime(deterministicOs('opt'), { logger: () => {} } as never), 'options has unknown key "logger"; allowed: aes, chacha, log'],
    ['EntropyRuntime.initialize', () => new EntropyRuntime(deterministicOs('opt'), { log: () => {} }).initialize({ gen: () => 1 } as never), 'options has unknown key "gen"; allowed: generation'],
  ];
  for (const [label, fn, message] of cases) {
    it(label, () => {
      expect(errorCode(fn)).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
      expect(fn).toThrow(message);
    });
  }
  it('a non-object options is a type error too', () => {
    expect(errorCode(() => new Fortuna(5 as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(errorCode(() => new ChaChaFront(parent, null as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(errorCode(() => new HmacDrbg([] as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
  });
});

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { os } from '@shimkit/os-shim';
import { describe, expect, it } from 'vitest';
import { linkedAes256Ctr } from './accelerators.js';
import { jsAes256Ctr } from './aes-ctr.js';
import { UnseededError } from './errors.js';
import { Fortuna } from './fortuna.js';
import { hex, errorCode as code } from './test-support.js';

type Op =
  | { op: 'reseed'; hex: string }
  | { op: 'add'; source: number; pool: number; hex: string }
  | { op: 'accumulate'; source: number; hex: string }
  | { op: 'generate'; n: number; hex?: string; sha256?: string; error?: string };
interface Case { name: string; generator: 'fortuna'; ops: Op[] }

const file = JSON.parse(readFileSync(new URL('../test/vectors/fortuna/cases.json', import.meta.url), 'utf8')) as { cases: Case[] };
const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

/** Runs one case; returns the number of generate requests checked. */
function runCase(c: Case, make: () => Fortuna): number {
  const g = make();
  const accumulators = new Map<number, (d: Uint8Array) => void>();
  let checked = 0;
  for (const [i, op] of c.ops.entries()) {
    const where = `${c.name} op ${i}`;
    if (op.op === 'reseed') g.reseed(bytes(op.hex));
    else if (op.op === 'add') g.add(op.source, op.pool, bytes(op.hex));
    else if (op.op === 'accumulate') {
      let acc = accumulators.get(op.source);
      if (!acc) accumulators.set(op.source, (acc = g.accumulator(op.source)));
      acc(bytes(op.hex));
    } else {
      checked++;
      if (op.error !== undefined) {
        expect(() => g.generate(op.n), where).toThrow(UnseededError);
        expect(op.error).toBe('ERR_UNSEEDED');
        continue;
      }
      const out = g.generate(op.n);
      expect(out.length, where).toBe(op.n);
      if (op.hex !== undefined) expect(hex(out), where).toBe(op.hex);
      else expect(createHash('sha256').update(out).digest('hex'), where).toBe(op.sha256);
    }
  }
  return checked;
}

describe('Fortuna known answers (mirage-crypto-rng)', () => {
  it('has 50 cases and 588 requests', () => {
    expect(file.cases.length).toBe(50);
    expect(file.cases.flatMap((c) => c.ops).filter((o) => o.op === 'generate').length).toBe(588);
  });

  const paths: [string, () => Fortuna][] = [
    ['pure JavaScript AES (@noble/ciphers)', () => new Fortuna({ aes: jsAes256Ctr })],
    ['the linked backend accelerator (os.cpu.aes256Ctr)', () => new Fortuna({ aes: linkedAes256Ctr(os.cpu)! })],
  ];
  for (const [label, make] of paths) {
    it(`passes all 588 requests on ${label}`, () => {
      let checked = 0;
      for (const c of file.cases) checked += runCase(c, make);
      expect(checked).toBe(588);
    });
  }

  it('is pure JS unless an accelerator is passed in (it imports no OS)', () => {
    expect(typeof os.cpu.aes256Ctr).toBe('function');
    expect(new Fortuna().accelerated).toBe(false);
    expect(new Fortuna({ aes: jsAes256Ctr }).accelerated).toBe(false);
    expect(new Fortuna({ aes: linkedAes256Ctr(os.cpu)! }).accelerated).toBe(true);
  });
});

describe('Fortuna behaviour', () => {
  const seed = bytes('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');

  it('starts unseeded and throws ERR_UNSEEDED, leaving the destination all zero', () => {
    const g = new Fortuna();
    expect(g.seeded).toBe(false);
    const dest = new Uint8Array(8).fill(7);
    let error: unknown;
    try {
      g.fill(dest);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnseededError);
    expect((error as UnseededError).code).toBe('ERR_UNSEEDED');
    expect((error as Error).message).toMatch(/reseed\(seed\)/);
    expect((error as Error).message).toMatch(/add\(\) more than 64 bytes to pool 0/);
    expect([...dest]).toEqual(Array(8).fill(0));
  });

  it('seeds itself from pool 0 once it holds more than 64 bytes', () => {
    const g = new Fortuna();
    g.add(0, 0, new Uint8Array(62)); // 64 bytes with the header: counts 62 data bytes
    expect(g.pool0Length).toBe(62);
    expect(() => g.generate(1)).toThrow(UnseededError);
    g.add(0, 0, new Uint8Array(3));
    expect(g.pool0Length).toBe(65);
    expect(g.generate(4).length).toBe(4);
    expect(g.seeded).toBe(true);
    expect(g.reseedCount).toBe(1);
    expect(g.pool0Length).toBe(0);
  });

  it('rate-limits pool reseeds to one per second with a clock', () => {
    let now = 5_000_000_000n;
    const g = new Fortuna({ clock: () => now });
    g.reseed(seed);
    g.add(1, 0, new Uint8Array(100));
    g.generate(1);
    expect(g.reseedCount).toBe(1);
    g.add(1, 0, new Uint8Array(100));
    now += 999_999_999n;
    g.generate(1);
    expect(g.reseedCount).toBe(1);
    expect(g.pool0Length).toBe(100);
    now += 1n;
    g.generate(1);
    expect(g.reseedCount).toBe(2);
    expect(g.pool0Length).toBe(0);
  });

  it('fill() writes the same bytes as generate() into any view, and nothing outside it', () => {
    const a = new Fortuna();
    const b = new Fortuna();
    a.reseed(seed);
    b.reseed(seed);
    const expected = a.generate(40);
    const backing = new ArrayBuffer(48);
    new Uint8Array(backing).fill(0xee);
    b.fill(new Uint16Array(backing, 8, 20));
    const all = new Uint8Array(backing);
    expect(hex(all.subarray(8))).toBe(hex(expected));
    expect([...all.subarray(0, 8)]).toEqual(Array(8).fill(0xee));
  });

  it('gives the same bytes on both AES paths for requests around the chunk size and unaligned views', () => {
    const js = new Fortuna({ aes: jsAes256Ctr });
    const accel = new Fortuna({ aes: linkedAes256Ctr(os.cpu)! });
    js.reseed(seed);
    accel.reseed(seed);
    for (const n of [0, 1, 15, 16, 17, 65_535, 65_536, 65_537, 200_001]) {
      expect(hex(accel.generate(n)), `n=${n}`).toBe(hex(js.generate(n)));
    }
    const u1 = new Uint8Array(40).subarray(1, 38);
    const u2 = new Uint8Array(40).subarray(1, 38);
    js.fill(u1);
    accel.fill(u2);
    expect(hex(u2)).toBe(hex(u1));
  });

  it('rejects bad arguments with stable codes', () => {
    const g = new Fortuna();
    g.reseed(seed);
    expect(code(() => g.add(256, 0, new Uint8Array(1)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => g.add(0, 32, new Uint8Array(1)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => g.add(0, 1.5, new Uint8Array(1)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => g.add(0, 0, [1] as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => g.reseed('seed' as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => g.generate(-1))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => g.generate(2 ** 31))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => g.generate('4' as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => g.fill(new ArrayBuffer(4) as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => new Fortuna({ clock: 5 as never }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => new Fortuna({ aes: 'aes' as never }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
  });

  it('zeroes the destination when the AES primitive fails midway', () => {
    let calls = 0;
    const g = new Fortuna({
      aes: (key, counter, dest) => {
        if (++calls === 3) throw new Error('primitive failed');
        jsAes256Ctr(key, counter, dest);
      },
    });
    g.reseed(seed);
    const dest = new Uint8Array(70_000).fill(9);
    expect(() => g.fill(dest)).toThrow('primitive failed');
    expect(dest.every((x) => x === 0)).toBe(true);
  });
});

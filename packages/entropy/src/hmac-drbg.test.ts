import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ReseedRequiredError, UnseededError } from './errors.js';
import { HMAC_DRBG_MAX_REQUEST, HmacDrbg } from './hmac-drbg.js';
import { hex, errorCode as code } from './test-support.js';

interface DrbgCase {
  variant: 'no_reseed' | 'pr_false' | 'pr_true';
  hash: 'SHA-256' | 'SHA-512';
  predictionResistance: boolean;
  group: number;
  count: number;
  entropyInput: string;
  nonce: string;
  personalizationString: string;
  entropyInputReseed?: string;
  additionalInputReseed?: string;
  additionalInput: [string, string];
  entropyInputPR?: [string, string];
  returnedBitsLen: number;
  returnedBits: string;
}

const load = (name: string): { cases: DrbgCase[]; counts: Record<string, number> } =>
  JSON.parse(readFileSync(new URL(`../test/vectors/${name}`, import.meta.url), 'utf8'));
const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));

/** Runs one CAVP case by the DRBGVS call sequence (test/vectors/README.md). */
function run(c: DrbgCase): string {
  const pending = c.entropyInputPR ? c.entropyInputPR.map(bytes) : [];
  const drbg = new HmacDrbg({
    hash: c.hash === 'SHA-256' ? 'sha256' : 'sha512',
    entropy: () => {
      const next = pending.shift();
      if (!next) throw new Error('the test ran out of entropy');
      return next;
    },
  });
  drbg.instantiate(bytes(c.entropyInput), bytes(c.nonce), bytes(c.personalizationString));
  if (c.variant === 'pr_false') drbg.reseed(bytes(c.entropyInputReseed!), bytes(c.additionalInputReseed!));
  const n = c.returnedBitsLen / 8;
  const pr = c.predictionResistance;
  drbg.generate(n, { additionalInput: bytes(c.additionalInput[0]), predictionResistance: pr });
  const out = drbg.generate(n, { additionalInput: bytes(c.additionalInput[1]), predictionResistance: pr });
  expect(pending.length).toBe(0);
  expect(drbg.reseedCounter).toBe(pr ? 2 : 3);
  return hex(out);
}

for (const [file, hash] of [['hmac-drbg-sha256.json', 'SHA-256'], ['hmac-drbg-sha512.json', 'SHA-512']] as const) {
  describe(`HMAC_DRBG ${hash} NIST CAVP vectors`, () => {
    const { cases } = load(file);
    it('holds 720 cases, 240 per variant', () => {
      expect(cases.length).toBe(720);
      for (const v of ['no_reseed', 'pr_false', 'pr_true']) expect(cases.filter((c) => c.variant === v).length).toBe(240);
    });
    for (const variant of ['no_reseed', 'pr_false', 'pr_true'] as const) {
      it(`passes all 240 ${variant} cases`, () => {
        let passed = 0;
        for (const c of cases.filter((x) => x.variant === variant)) {
          expect(c.hash).toBe(hash);
          expect(run(c), `${variant} group ${c.group} count ${c.count}`).toBe(c.returnedBits);
          passed++;
        }
        expect(passed).toBe(240);
      });
    }
  });
}

describe('HMAC_DRBG behaviour', () => {
  const e32 = new Uint8Array(32).fill(1);
  const e48 = new Uint8Array(48).fill(2);

  it('throws ERR_UNSEEDED before instantiation, leaving the destination all zero; the text names its own ways to seed', () => {
    const d = new HmacDrbg();
    expect(d.seeded).toBe(false);
    const dest = new Uint8Array(4).fill(3);
    expect(code(() => d.fill(dest))).toBe('UnseededError:ERR_UNSEEDED');
    expect([...dest]).toEqual([0, 0, 0, 0]);
    expect(() => d.generate(1)).toThrow(/instantiate\(entropyInput, nonce\).*reseed\(seed\) with at least 48 bytes/);
    expect(() => d.generate(1)).not.toThrow(/add\(\)|pool 0|Fortuna/);
    expect(() => d.generate(1)).toThrow(UnseededError);
  });

  it('reseed(seed) on a fresh DRBG instantiates with the seed as entropy plus nonce and the personalization', () => {
    const p = new Uint8Array([9, 9]);
    const a = new HmacDrbg({ hash: 'sha512', personalization: p });
    a.reseed(e48);
    const b = new HmacDrbg({ hash: 'sha512' });
    b.instantiate(e48, new Uint8Array(0), p);
    expect(hex(a.generate(100))).toBe(hex(b.generate(100)));
    expect(code(() => new HmacDrbg().reseed(e32))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
  });

  it('enforces the reseed interval: ReseedRequiredError without a callback, self-reseed with one', () => {
    const d = new HmacDrbg({ reseedInterval: 2 });
    d.instantiate(e32, new Uint8Array(16));
    d.generate(8);
    d.generate(8);
    expect(d.reseedCounter).toBe(3);
    expect(code(() => d.generate(8))).toBe('ReseedRequiredError:ERR_RESEED_REQUIRED');
    d.reseed(e32);
    expect(d.generate(8).length).toBe(8);

    let calls = 0;
    const s = new HmacDrbg({ reseedInterval: 1, entropy: () => (calls++, new Uint8Array(32).fill(calls)) });
    s.instantiate(e32, new Uint8Array(16));
    s.generate(8);
    expect(calls).toBe(0);
    s.generate(8);
    expect(calls).toBe(1);
    expect(s.reseedCounter).toBe(2);
  });

  it('prediction resistance draws fresh entropy on every request and needs a callback', () => {
    expect(code(() => new HmacDrbg({ predictionResistance: true }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    const d = new HmacDrbg();
    d.instantiate(e32, new Uint8Array(16));
    expect(() => d.generate(8, { predictionResistance: true })).toThrow(ReseedRequiredError);
    let calls = 0;
    const pr = new HmacDrbg({ predictionResistance: true, entropy: () => (calls++, new Uint8Array(32)) });
    pr.instantiate(e32, new Uint8Array(16));
    pr.generate(1);
    pr.generate(1);
    expect(calls).toBe(2);
    const short = new HmacDrbg({ entropy: () => new Uint8Array(31) });
    short.instantiate(e32, new Uint8Array(16));
    expect(code(() => short.generate(1, { predictionResistance: true }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
  });

  it('caps a request at 2^16 bytes and rejects bad input with stable codes', () => {
    const d = new HmacDrbg();
    d.instantiate(e32, new Uint8Array(16));
    expect(d.generate(HMAC_DRBG_MAX_REQUEST).length).toBe(65_536);
    expect(code(() => d.generate(65_537))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => d.fill(new Uint8Array(65_537)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => d.generate(Number.NaN))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => d.generate(1, { additionalInput: 'x' as never }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => d.instantiate(new Uint8Array(31), new Uint8Array(16)))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => new HmacDrbg({ hash: 'sha1' as never }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => new HmacDrbg({ reseedInterval: 2 ** 48 + 1 }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
  });

  it('uninstantiate zeroes the state and makes it unseeded again', () => {
    const d = new HmacDrbg();
    d.instantiate(e32, new Uint8Array(16));
    d.uninstantiate();
    expect(d.seeded).toBe(false);
    expect(() => d.generate(1)).toThrow(UnseededError);
  });
});

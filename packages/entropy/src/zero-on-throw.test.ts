/**
 * Issue 10 point 1: on any throw, every public fill of every generator, of the front, of
 * `createRandom` and of the default runtime leaves the destination all zero (argument errors
 * leave it untouched: they come before anything is written). One case per path that can fail
 * midway.
 */
import { describe, expect, it } from 'vitest';
import { jsAes256Ctr } from './aes-ctr.js';
import { ChaChaFront } from './chacha-front.js';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
import { Fortuna } from './fortuna.js';
import type { Generator } from './generator.js';
import { HmacDrbg } from './hmac-drbg.js';
import { createRandom } from './random.js';
import { EntropyRuntime } from './runtime.js';
import { deterministicOs, errorCode, hex } from './test-support.js';

const seed = new Uint8Array(48).map((_, i) => i * 3 + 1);

function seededFortuna(options: ConstructorParameters<typeof Fortuna>[0] = {}): Fortuna {
  const f = new Fortuna(options);
  f.reseed(seed);
  return f;
}

/** jsChacha20, except that calls number `from`, `from + 1`, … throw (after writing half). */
function chachaFailingFrom(from: number): { chacha: ChaCha20Keystream; calls: () => number } {
  let calls = 0;
  return {
    calls: () => calls,
    chacha: (key, nonce, counter, dest) => {
      if (++calls >= from) {
        jsChacha20(key, nonce, counter, dest.subarray(0, dest.length >>> 1));
        throw new Error('keystream failed');
      }
      jsChacha20(key, nonce, counter, dest);
    },
  };
}

const allZero = (b: Uint8Array): boolean => b.every((x) => x === 0);

describe('a failing primitive midway leaves the destination all zero', () => {
  it("the issue's reproduction: ChaChaFront over Fortuna, keystream failing from its 2nd call, 40×100 B served, fill(200 × 0xaa)", () => {
    const { chacha, calls } = chachaFailingFrom(2);
    const front = new ChaChaFront(seededFortuna(), { chacha });
    for (let i = 0; i < 40; i++) expect(front.generate(100)).toHaveLength(100);
    expect(calls()).toBe(1);
    const dest = new Uint8Array(200).fill(0xaa);
    expect(() => front.fill(dest)).toThrow('keystream failed');
    expect(calls()).toBe(2);
    expect(allZero(dest)).toBe(true);
    // Through createRandom too, and the 64 bytes taken from the old batch are never served later.
    const dest2 = new Uint8Array(200).fill(0xaa);
    expect(() => createRandom(front).fill(dest2)).toThrow('keystream failed');
    expect(allZero(dest2)).toBe(true);
  });

  it('the front, bulk keystream path', () => {
    const { chacha } = chachaFailingFrom(2);
    const front = new ChaChaFront(seededFortuna(), { chacha, bulk: 'keystream' });
    const dest = new Uint8Array(5000).fill(0x55);
    expect(() => front.fill(dest)).toThrow('keystream failed');
    expect(allZero(dest)).toBe(true);
  });

  it('the front, bulk parent path (Fortuna AES failing in its second 64 KiB chunk)', () => {
    let calls = 0;
    const parent = seededFortuna({
      aes: (key, counter, dest) => {
        if (++calls === 4) throw new Error('aes failed');
        jsAes256Ctr(key, counter, dest);
      },
    });
    const front = new ChaChaFront(parent, { bulk: 'parent' });
    calls = 0;
    const dest = new Uint8Array(100_000).fill(0x55);
    expect(() => front.fill(dest)).toThrow('aes failed');
    expect(allZero(dest)).toBe(true);
  });

  it("a user's own parent generator that half-writes and throws (front and createRandom)", () => {
    const half: Generator = {
      name: 'half',
      seeded: true,
      reseed() {},
      generate: (n) => new Uint8Array(n),
      fill(d) {
        new Uint8Array(d.buffer, d.byteOffset, d.byteLength >>> 1).fill(0x77);
        throw new Error('half written');
      },
    };
    const dest = new Uint8Array(64).fill(0xaa);
    expect(() => createRandom(half).fill(dest)).toThrow('half written');
    expect(allZero(dest)).toBe(true);
    const viaFront = new Uint8Array(3000).fill(0xaa);
    expect(() => new ChaChaFront(half, { bulk: 'parent' }).fill(viaFront)).toThrow('half written');
    expect(allZero(viaFront)).toBe(true);
  });

  it('HMAC_DRBG: a throwing entropy callback and ReseedRequiredError', () => {
    const d = new HmacDrbg({
      predictionResistance: true,
      entropy: () => {
        throw new Error('entropy source down');
      },
    });
    d.instantiate(new Uint8Array(32).fill(1), new Uint8Array(16));
    const dest = new Uint8Array(40).fill(0xaa);
    expect(() => d.fill(dest)).toThrow('entropy source down');
    expect(allZero(dest)).toBe(true);
    const r = new HmacDrbg({ reseedInterval: 1 });
    r.instantiate(new Uint8Array(32).fill(1), new Uint8Array(16));
    r.generate(1);
    const dest2 = new Uint8Array(40).fill(0xaa);
    expect(errorCode(() => r.fill(dest2))).toBe('ReseedRequiredError:ERR_RESEED_REQUIRED');
    expect(allZero(dest2)).toBe(true);
  });

  it('argument errors leave the destination untouched', () => {
    const d = new HmacDrbg();
    d.reseed(seed);
    const dest = new Uint8Array(8).fill(0xaa);
    expect(errorCode(() => d.fill(dest, { additionalInput: 'x' as never }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(errorCode(() => d.fill(dest, { bogus: true } as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect([...dest]).toEqual(Array(8).fill(0xaa));
  });
});

describe('the default runtime', () => {
  it('ChaCha20 accelerator failing mid-stream: that fill throws all zero, later requests use pure JS and continue the stream', () => {
    let fail = false;
    const accel: ChaCha20Keystream = (key, nonce, counter, dest) => {
      if (fail) {
        dest.fill(0x99);
        throw new Error('digital envelope routines::unsupported');
      }
      jsChacha20(key, nonce, counter, dest);
    };
    const log: string[] = [];
    const rt = new EntropyRuntime(deterministicOs('mid', { cpu: { chacha20: accel } }), { aes: jsAes256Ctr, log: (l) => void log.push(l) });
    const twin = new EntropyRuntime(deterministicOs('mid'), { aes: jsAes256Ctr, log: () => {} });
    expect(rt.initialize().serving.accelerators.chacha20).toEqual({ path: 'accelerator', reason: 'known-answer probe passed' });
    twin.initialize();
    for (let i = 0; i < 40; i++) expect(hex(rt.randomBytes(100))).toBe(hex(twin.randomBytes(100)));
    fail = true;
    const dest = new Uint8Array(200).fill(0xaa);
    expect(() => rt.fill(dest)).toThrow('digital envelope routines::unsupported');
    expect(allZero(dest)).toBe(true);
    const st = rt.status().serving.accelerators.chacha20;
    expect(st.path).toBe('javascript');
    expect(st.reason).toBe('failed after its probe (digital envelope routines::unsupported); pure JavaScript since');
    expect(log).toEqual([
      '@shimkit/entropy: the ChaCha20 accelerator failed (digital envelope routines::unsupported); that request threw with its output zeroed, the next ones use @noble/ciphers',
    ]);
    // The twin served those 200 bytes: 64 from the old batch, 136 from the next. The failed
    // request's 64 bytes are gone for good; the runtime goes on with the next batch, in JS.
    const twinB = twin.randomBytes(200);
    const next = rt.randomBytes(200);
    expect(hex(next.subarray(0, 136))).toBe(hex(twinB.subarray(64)));
    rt.stop();
    twin.stop();
  });

  it('AES accelerator failing mid-stream on a bulk request: zeroed, then pure JS with the same bytes', () => {
    let fail = false;
    const accel = (key: Uint8Array, counter: Uint8Array, dest: Uint8Array): void => {
      if (fail) throw new Error('aes unsupported');
      jsAes256Ctr(key, counter, dest);
    };
    const rt = new EntropyRuntime(deterministicOs('aes', { cpu: { aes256Ctr: accel } }), { chacha: jsChacha20, log: () => {} });
    // The twin's AES is a working "accelerator" (routing bulk requests to Fortuna alike).
    const twin = new EntropyRuntime(deterministicOs('aes', { cpu: { aes256Ctr: (k, c, d) => jsAes256Ctr(k, c, d) } }), { chacha: jsChacha20, log: () => {} });
    expect(rt.initialize().serving.accelerated).toBe(true);
    twin.initialize();
    expect(hex(rt.randomBytes(5000))).toBe(hex(twin.randomBytes(5000)));
    fail = true;
    const dest = new Uint8Array(70_000).fill(0xaa);
    expect(() => rt.fill(dest)).toThrow('aes unsupported');
    expect(allZero(dest)).toBe(true);
    expect(rt.status().serving.accelerated).toBe(false);
    expect(rt.status().serving.accelerators.aes256Ctr.reason).toBe('failed after its probe (aes unsupported); pure JavaScript since');
    // Fortuna's key did not move for the failed chunk: the next request gets what the twin got.
    expect(hex(rt.randomBytes(70_000))).toBe(hex(twin.randomBytes(70_000)));
    rt.stop();
    twin.stop();
  });

  it('NoEntropyError from the runtime leaves the destination all zero', () => {
    const rt = new EntropyRuntime(deterministicOs('none', { cpu: { cycles: () => 7 }, random: null }), { log: () => {} });
    const dest = new Uint8Array(16).fill(0xaa);
    expect(errorCode(() => rt.fill(dest))).toBe('NoEntropyError:ERR_NO_ENTROPY');
    expect(allZero(dest)).toBe(true);
    const viaApi = new Uint8Array(16).fill(0xaa);
    expect(errorCode(() => createRandom(rt.generator).fill(viaApi))).toBe('NoEntropyError:ERR_NO_ENTROPY');
    expect(allZero(viaApi)).toBe(true);
  });
});

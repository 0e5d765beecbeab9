import { createCipheriv } from 'node:crypto';
import { os } from '@shimkit/os-shim';
import { describe, expect, it } from 'vitest';
import { linkedAes256Ctr, linkedChacha20 } from './accelerators.js';
import { CHACHA_FRONT_BATCH, ChaChaFront } from './chacha-front.js';
import { jsChacha20 } from './chacha20.js';
import { UnseededError } from './errors.js';
import { Fortuna } from './fortuna.js';
import type { Generator } from './generator.js';
import { HmacDrbg } from './hmac-drbg.js';
import { hex, errorCode as code } from './test-support.js';

const seed = new Uint8Array(48).map((_, i) => i * 3);

/** ChaCha20 keystream (RFC 8439, nonce 0) computed independently, with OpenSSL through node:crypto. */
function keystream(key: Uint8Array, n: number, counter = 0): Uint8Array {
  const iv = Buffer.alloc(16);
  iv.writeUInt32LE(counter, 0);
  return new Uint8Array(createCipheriv('chacha20', key, iv).update(Buffer.alloc(n)));
}

/** Fortuna over the backend's AES accelerator (as the default runtime builds it). */
function seededFortuna(): Fortuna {
  const f = new Fortuna({ aes: linkedAes256Ctr(os.cpu)! });
  f.reseed(seed);
  return f;
}

/** The bytes a front over `seededFortuna()` must produce, derived step by step from the design. */
function model() {
  const twin = seededFortuna();
  let key: Uint8Array = twin.generate(32); // first reseed: 0 XOR parent bytes
  let batch: Uint8Array = new Uint8Array(0);
  let pos = 0;
  const next = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      if (pos === batch.length) {
        batch = keystream(key, CHACHA_FRONT_BATCH);
        key = batch.slice(0, 32);
        pos = 32;
      }
      out[i] = batch[pos++]!;
    }
    return out;
  };
  return { next };
}

describe('ChaChaFront', () => {
  it('serves the batch keystream after the 32 key bytes, rekeying every batch', () => {
    const front = new ChaChaFront(seededFortuna());
    const m = model();
    for (const n of [1, 31, 32, 100, 1000, 1024, 0, 7, 1024, 1024, 1024, 500]) {
      expect(hex(front.generate(n)), `n=${n}`).toBe(hex(m.next(n)));
    }
    expect(front.reseeds).toBe(1);
  });

  it('a reused destination (word copies) gets exactly the bytes of the design, across batches and alignments', () => {
    const front = new ChaChaFront(seededFortuna());
    const m = model();
    const reused = new Uint8Array(32);
    const odd = new Uint8Array(40).subarray(1, 17); // not word-aligned: byte copies
    for (let i = 0; i < 300; i++) {
      front.fill(reused);
      expect(hex(reused), `round ${i}`).toBe(hex(m.next(32)));
      if (i % 50 === 7) {
        front.fill(odd);
        expect(hex(odd)).toBe(hex(m.next(16)));
        const two = front.generate(2); // leaves the position unaligned for a while
        expect(hex(two)).toBe(hex(m.next(2)));
      }
    }
    expect(front.reseeds).toBe(1);
  });

  it('gives the same bytes on the backend accelerator and on pure-JS ChaCha20', () => {
    const accelerated = new ChaChaFront(seededFortuna(), { bulk: 'keystream', chacha: linkedChacha20(os.cpu)! });
    const pure = new ChaChaFront(seededFortuna(), { bulk: 'keystream', chacha: jsChacha20 });
    expect(accelerated.chachaAccelerated).toBe(true);
    expect(pure.chachaAccelerated).toBe(false);
    expect(new ChaChaFront(seededFortuna()).chachaAccelerated).toBe(false);
    for (const n of [1, 32, 4064, 5000, 70_000, 3, 200_001]) {
      expect(hex(accelerated.generate(n)), `n=${n}`).toBe(hex(pure.generate(n)));
    }
    expect(() => new ChaChaFront(seededFortuna(), { chacha: 'fast' as never })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }),
    );
  });

  it('writes bulk requests with a one-time key taken from the batch (keystream mode)', () => {
    const front = new ChaChaFront(seededFortuna(), { bulk: 'keystream' });
    const m = model();
    expect(hex(front.generate(16))).toBe(hex(m.next(16)));
    const big = front.generate(200_000);
    const oneTimeKey = m.next(32);
    expect(hex(big)).toBe(hex(keystream(oneTimeKey, 200_000)));
    expect(hex(front.generate(16))).toBe(hex(m.next(16)));
  });

  it('sends bulk requests to an accelerated parent by default, and splits them by the parent cap', () => {
    const accelerated = seededFortuna();
    expect(accelerated.accelerated).toBe(true);
    const front = new ChaChaFront(accelerated);
    expect(front.bulk).toBe('parent');
    const twin = seededFortuna();
    expect(hex(front.generate(5000))).toBe(hex(twin.generate(5000)));

    const drbg = new HmacDrbg();
    drbg.reseed(seed);
    const drbgTwin = new HmacDrbg();
    drbgTwin.reseed(seed);
    const overDrbg = new ChaChaFront(drbg, { bulk: 'parent' });
    const got = overDrbg.generate(65_536 * 2 + 5);
    const want = new Uint8Array(65_536 * 2 + 5);
    drbgTwin.fill(want.subarray(0, 65_536));
    drbgTwin.fill(want.subarray(65_536, 131_072));
    drbgTwin.fill(want.subarray(131_072));
    expect(hex(got)).toBe(hex(want));
  });

  it('reseeds from the parent on its byte budget', () => {
    const front = new ChaChaFront(seededFortuna(), { reseedBytes: 100 });
    front.generate(60);
    front.generate(60);
    expect(front.reseeds).toBe(1);
    expect(front.bytesSinceReseed).toBe(120);
    front.generate(1);
    expect(front.reseeds).toBe(2);
    expect(front.bytesSinceReseed).toBe(1);
  });

  it('reseeds from the parent on its time budget', () => {
    let now = 0n;
    const front = new ChaChaFront(seededFortuna(), { clock: () => now, reseedIntervalNs: 1000n, bulk: 'keystream' });
    front.generate(8);
    now = 999n;
    front.generate(8);
    expect(front.reseeds).toBe(1);
    now = 1000n;
    // Small requests read the clock on every 32nd call since the last read (or when a batch is
    // due): the reseed read it, the second call was 1, so 30 more pass and the 32nd reads it.
    for (let i = 0; i < 30; i++) front.generate(8);
    expect(front.reseeds).toBe(1);
    front.generate(8);
    expect(front.reseeds).toBe(2);
    // A bulk request in keystream mode always reads the clock.
    now = 2000n;
    front.generate(5000);
    expect(front.reseeds).toBe(3);
  });

  it('forget() wipes the buffer and key, and the next request rekeys from the parent', () => {
    const parent = seededFortuna();
    const front = new ChaChaFront(parent);
    front.generate(10);
    expect(front.buffered).toBe(CHACHA_FRONT_BATCH - 32 - 10);
    front.forget();
    expect(front.buffered).toBe(0);
    const after = front.generate(10);
    expect(front.reseeds).toBe(2);
    // The new key is exactly the parent's next 32 bytes (the old key was wiped to zero).
    const twin = seededFortuna();
    twin.generate(32);
    const key = twin.generate(32);
    expect(hex(after)).toBe(hex(keystream(key, 42).subarray(32)));
  });

  it('is unseeded while its parent is, throws ERR_UNSEEDED and leaves the destination all zero', () => {
    const front = new ChaChaFront(new Fortuna());
    expect(front.seeded).toBe(false);
    const dest = new Uint8Array(16).fill(1);
    expect(() => front.fill(dest)).toThrow(UnseededError);
    expect([...dest]).toEqual(Array(16).fill(0));
    front.reseed(seed);
    expect(front.seeded).toBe(true);
    expect(front.generate(16).length).toBe(16);
  });

  it('rejects bad options and arguments with stable codes', () => {
    const parent: Generator = seededFortuna();
    expect(code(() => new ChaChaFront(null as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => new ChaChaFront(parent, { reseedBytes: 0 }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => new ChaChaFront(parent, { reseedIntervalNs: 5 as never }))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
    expect(code(() => new ChaChaFront(parent, { reseedIntervalNs: 0n }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => new ChaChaFront(parent, { bulk: 'os' as never }))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    const front = new ChaChaFront(parent);
    expect(code(() => front.generate(1.5))).toBe('ShimkitRangeError:ERR_OUT_OF_RANGE');
    expect(code(() => front.fill({} as never))).toBe('ShimkitTypeError:ERR_INVALID_ARG_TYPE');
  });
});

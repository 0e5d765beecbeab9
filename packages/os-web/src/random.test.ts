import { afterEach, describe, expect, it, vi } from 'vitest';

type Grv = <T extends ArrayBufferView>(array: T) => T;
const realCrypto = globalThis.crypto;

/** Loads a fresh copy of random.ts with `globalThis.crypto` set to `crypto` while it evaluates. */
async function loadWith(crypto: unknown): Promise<typeof import('./random.js')> {
  vi.resetModules();
  Object.defineProperty(globalThis, 'crypto', { value: crypto, configurable: true, writable: true });
  try {
    return await import('./random.js');
  } finally {
    Object.defineProperty(globalThis, 'crypto', { value: realCrypto, configurable: true, writable: true });
  }
}

/** A getRandomValues that behaves as browsers do: rejects shared views and more than 65 536 bytes. */
function browserLike(seen: { length: number; shared: boolean }[]): { getRandomValues: Grv } {
  return {
    getRandomValues<T extends ArrayBufferView>(array: T): T {
      const shared = Object.prototype.toString.call(array.buffer) === '[object SharedArrayBuffer]';
      seen.push({ length: array.byteLength, shared });
      if (shared) throw new TypeError('The provided ArrayBufferView value must not be shared.');
      if (array.byteLength > 65_536) throw new DOMException('quota', 'QuotaExceededError');
      return realCrypto.getRandomValues(array as never) as T;
    },
  };
}

function zeros(view: Uint8Array): number {
  let n = 0;
  for (const x of view) if (x === 0) n++;
  return n;
}

describe('Random.fill on crypto.getRandomValues', () => {
  afterEach(() => {
    Object.defineProperty(globalThis, 'crypto', { value: realCrypto, configurable: true, writable: true });
  });

  it('fills in chunks of at most 65 536 bytes', async () => {
    const seen: { length: number; shared: boolean }[] = [];
    const { createRandom } = await loadWith(browserLike(seen));
    const dest = new Uint8Array(3 * 65_536 + 5);
    createRandom().fill(dest);
    expect(seen.map((s) => s.length)).toEqual([65_536, 65_536, 65_536, 5]);
    expect(zeros(dest)).toBeLessThan(((3 * 65_536) / 256) * 1.3);
  });

  it('fills a view over a SharedArrayBuffer through a bounce buffer, never handing over the shared view', async () => {
    const seen: { length: number; shared: boolean }[] = [];
    const { createRandom } = await loadWith(browserLike(seen));
    const shared = new Uint8Array(new SharedArrayBuffer(70_000 + 16)).fill(0xa5);
    const view = shared.subarray(8, 8 + 70_000);
    createRandom().fill(view);
    expect(seen).toEqual([
      { length: 65_536, shared: false },
      { length: 70_000 - 65_536, shared: false },
    ]);
    expect([...shared.subarray(0, 8), ...shared.subarray(8 + 70_000)]).toEqual(Array(16).fill(0xa5));
    // About 70000/256 = 273 bytes equal 0xa5 by chance; an unwritten stretch would leave thousands.
    expect(view.filter((x) => x === 0xa5).length).toBeLessThan(400);
  });

  it('zeroes the whole view and throws OsRandomError when a chunk fails', async () => {
    let calls = 0;
    const failing = {
      getRandomValues<T extends ArrayBufferView>(array: T): T {
        if (++calls === 2) throw new Error('entropy source gone');
        return realCrypto.getRandomValues(array as never) as T;
      },
    };
    const { createRandom } = await loadWith(failing);
    const dest = new Uint8Array(100_000).fill(0x77);
    let thrown: unknown;
    try {
      createRandom().fill(dest);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ name: 'OsRandomError', code: 'ERR_OS_RANDOM', message: 'crypto.getRandomValues failed: entropy source gone' });
    expect((thrown as Error).cause).toBeInstanceOf(Error);
    expect(dest.every((x) => x === 0)).toBe(true);
  });

  it('throws OsRandomError, writing nothing, where the runtime has no Web Crypto', async () => {
    const { createRandom, HAS_GET_RANDOM_VALUES } = await loadWith(undefined);
    expect(HAS_GET_RANDOM_VALUES).toBe(false);
    const dest = new Uint8Array(8);
    expect(() => createRandom().fill(dest)).toThrow(
      expect.objectContaining({ code: 'ERR_OS_RANDOM', message: 'crypto.getRandomValues failed: this runtime has no crypto.getRandomValues (W3C Web Cryptography API)' }),
    );
    expect([...dest]).toEqual(Array(8).fill(0));
  });

  it('keeps the function captured at load when user code later replaces crypto.getRandomValues', async () => {
    const { createRandom } = await loadWith({ getRandomValues: realCrypto.getRandomValues.bind(realCrypto) });
    const weak = vi.fn(<T extends ArrayBufferView>(array: T): T => array);
    Object.defineProperty(globalThis, 'crypto', { value: { getRandomValues: weak }, configurable: true, writable: true });
    const dest = new Uint8Array(64);
    createRandom().fill(dest);
    expect(weak).not.toHaveBeenCalled();
    expect(zeros(dest)).toBeLessThan(8);
  });

  it('rejects non-Uint8Array and detached views with the contract codes, calling nothing', async () => {
    const seen: { length: number; shared: boolean }[] = [];
    const { createRandom } = await loadWith(browserLike(seen));
    const random = createRandom();
    expect(() => random.fill(new Int8Array(4) as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    const detached = new Uint8Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    expect(() => random.fill(detached)).toThrow(expect.objectContaining({ code: 'ERR_DETACHED_BUFFER' }));
    random.fill(new Uint8Array(0));
    expect(seen).toEqual([]);
  });
});

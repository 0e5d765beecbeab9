import { describeConformance } from '@shimkit/os-shim/conformance';
import { describe, expect, it, vi } from 'vitest';
import { os, status } from './index.js';
import { webcrypto } from 'node:crypto';
import { createFallbackRandom, GET_RANDOM_VALUES_MAX } from './random.js';

describe('the explicit fallback entry', () => {
  it('is the pure-JS path whatever the addon state', () => {
    const s = status();
    expect(s.path).toBe('fallback');
    expect(s.osRandom).toBe('crypto.getRandomValues');
    expect(os.cpu.rdrand).toBeUndefined();
    expect(os.cpu.rdseed).toBeUndefined();
    expect('cycleTrace' in os.main).toBe(false);
  });

  it('fills through getRandomValues in 65 536-byte chunks', () => {
    const calls: [number, number][] = [];
    const random = createFallbackRandom((chunk) => {
      calls.push([chunk.byteOffset, chunk.length]);
      webcrypto.getRandomValues(chunk);
    });
    random.fill(new Uint8Array(2 * GET_RANDOM_VALUES_MAX + 5));
    expect(calls).toEqual([
      [0, 65_536],
      [65_536, 65_536],
      [131_072, 5],
    ]);
  });

  it('turns a Web Crypto failure in any chunk into ERR_OS_RANDOM with the whole view zero', () => {
    for (const failAt of [1, 2, 3]) {
      let calls = 0;
      const random = createFallbackRandom((chunk) => {
        chunk.fill(7);
        if (++calls === failAt) throw new Error('quota exceeded');
      });
      const buf = new Uint8Array(150_000).fill(0xaa);
      expect(() => random.fill(buf)).toThrow(expect.objectContaining({ code: 'ERR_OS_RANDOM', message: 'crypto.getRandomValues failed: quota exceeded' }));
      expect(buf.every((b) => b === 0)).toBe(true);
    }
  });

  it("takes its CSPRNG from node:crypto, not from globalThis.crypto (shadowed or patched)", () => {
    const original = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
    const zeros = { getRandomValues: <T extends ArrayBufferView>(v: T): T => v, subtle: {} };
    const spy = vi.spyOn(webcrypto, 'getRandomValues').mockImplementation(((v: Uint8Array) => v) as never);
    Object.defineProperty(globalThis, 'crypto', { value: zeros, configurable: true, writable: true });
    try {
      expect(globalThis.crypto).toBe(zeros);
      const a = new Uint8Array(64);
      const b = new Uint8Array(64);
      os.random.fill(a);
      os.random.fill(b);
      expect(a.some((x) => x !== 0)).toBe(true);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      Object.defineProperty(globalThis, 'crypto', original);
      spy.mockRestore();
    }
  });
});

describeConformance({
  os,
  nextIteration: () => new Promise<void>((resolve) => setImmediate(resolve)),
  expectRandom: true,
  expectRdrand: false,
  expectChacha20: true,
  expectOnClone: true,
});

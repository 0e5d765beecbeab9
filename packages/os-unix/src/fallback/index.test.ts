import { describeConformance } from '@shimkit/os-shim/conformance';
import { describe, expect, it, vi } from 'vitest';
import { os, status } from './index.js';
import { GET_RANDOM_VALUES_MAX } from './random.js';

describe('the explicit fallback entry', () => {
  it('is the pure-JS path whatever the addon state', () => {
    const s = status();
    expect(s.path).toBe('fallback');
    expect(s.osRandom).toBe('crypto.getRandomValues');
    expect(os.cpu.rdrand).toBeUndefined();
    expect(os.cpu.rdseed).toBeUndefined();
    expect('cycleTrace' in os.main).toBe(false);
  });

  it('fills through crypto.getRandomValues in 65 536-byte chunks', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    try {
      const buf = new Uint8Array(2 * GET_RANDOM_VALUES_MAX + 5);
      os.random.fill(buf);
      expect(spy.mock.calls.map(([v]) => (v as Uint8Array).length)).toEqual([65_536, 65_536, 5]);
      expect(spy.mock.calls.map(([v]) => (v as Uint8Array).byteOffset)).toEqual([0, 65_536, 131_072]);
    } finally {
      spy.mockRestore();
    }
  });

  it('turns a Web Crypto failure into ERR_OS_RANDOM and leaves no partial output', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    let calls = 0;
    spy.mockImplementation(((v: Uint8Array) => {
      if (++calls === 2) throw new Error('quota exceeded');
      v.fill(7);
      return v;
    }) as never);
    try {
      const buf = new Uint8Array(100_000);
      expect(() => os.random.fill(buf)).toThrow(expect.objectContaining({ code: 'ERR_OS_RANDOM' }));
      expect(buf.every((b) => b === 0)).toBe(true);
    } finally {
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
});

import { describe, expect, it } from 'vitest';
import { os as fallback } from './fallback/index.js';
import { os as chosen } from './index.js';

function shape(value: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v;
  return out;
}

function errorOf(fn: () => unknown): [string, string | undefined] {
  try {
    fn();
  } catch (e) {
    return [(e as Error).name, (e as { code?: string }).code];
  }
  return ['none', undefined];
}

describe('native and fallback agree', () => {
  it('have the same parts with the same member types (optional capabilities aside)', () => {
    expect(Object.keys(chosen).sort()).toEqual(Object.keys(fallback).sort());
    for (const part of ['time', 'env', 'lifecycle', 'console', 'random'] as const) {
      expect(shape(chosen[part])).toEqual(shape(fallback[part]));
    }
    expect(shape(chosen.main).atEnterIter).toBe('function');
    expect(typeof chosen.cpu.cycles()).toBe(typeof fallback.cpu.cycles());
    expect(typeof chosen.time.wallNs()).toBe('bigint');
    expect(typeof fallback.time.wallNs()).toBe('bigint');
  });

  it('reject the same bad input with the same error', () => {
    const detached = new Uint8Array(8);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    const cases: ((o: typeof fallback) => unknown)[] = [
      (o) => o.random.fill('x' as never),
      (o) => o.random.fill(detached),
      (o) => o.time.sleepNs(-5),
      (o) => o.main.atEnterIter(null as never),
      (o) => o.lifecycle.exit(300),
      (o) => o.console.log({} as never),
    ];
    for (const c of cases) {
      const a = errorOf(() => c(chosen));
      expect(a[0]).not.toBe('none');
      expect(a).toEqual(errorOf(() => c(fallback)));
    }
  });

  it('clocks agree: same monotonic source, wall clocks within 50 ms', () => {
    const d = chosen.time.monotonicNs() - fallback.time.monotonicNs();
    expect(d <= 0n).toBe(true);
    expect(d > -50_000_000n).toBe(true);
    const w = chosen.time.wallNs() - fallback.time.wallNs();
    expect(w < 50_000_000n && w > -50_000_000n).toBe(true);
  });

  it('AES-256-CTR keystreams are identical (addon EVP in place vs node:crypto), counter wrap included', () => {
    const key = new Uint8Array(32);
    fallback.random.fill(key);
    const counters = [new Uint8Array(16), new Uint8Array(16).fill(0xff), Uint8Array.from({ length: 16 }, (_, i) => (i < 15 ? 0 : 0xf0))];
    for (const counter of counters) {
      for (const n of [0, 1, 16, 17, 4096, 65_536, 65_537, 200_001]) {
        const a = new Uint8Array(n);
        const b = new Uint8Array(n);
        chosen.cpu.aes256Ctr!(key, counter, a);
        fallback.cpu.aes256Ctr!(key, counter, b);
        expect(Buffer.from(a).equals(Buffer.from(b)), `n=${n}`).toBe(true);
      }
    }
  });

  it('ChaCha20 keystreams are identical (addon EVP vs node:crypto) and end exactly at the counter space', () => {
    const key = new Uint8Array(32);
    const nonce = new Uint8Array(12);
    fallback.random.fill(key);
    fallback.random.fill(nonce);
    for (const counter of [0, 1, 0xffff_0000]) {
      for (const n of [0, 1, 63, 64, 65, 4096, 65_536, 65_537, 200_001]) {
        const a = new Uint8Array(n);
        const b = new Uint8Array(n);
        chosen.cpu.chacha20!(key, nonce, counter, a);
        fallback.cpu.chacha20!(key, nonce, counter, b);
        expect(Buffer.from(a).equals(Buffer.from(b)), `counter=${counter} n=${n}`).toBe(true);
      }
    }
    const last = new Uint8Array(64);
    chosen.cpu.chacha20!(key, nonce, 0xffff_ffff, last);
    const viaFallback = new Uint8Array(64);
    fallback.cpu.chacha20!(key, nonce, 0xffff_ffff, viaFallback);
    expect(Buffer.from(last).equals(Buffer.from(viaFallback))).toBe(true);
  });
});

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { wasm } from '../../test/support.js';
import { defineFunction } from '../function.js';
import { type CachedModule, ModuleCache, moduleDigest } from './module-cache.js';

const trivial = wasm('trivial');
const compile = (b: Uint8Array) => async (): Promise<CachedModule> => ({ module: await WebAssembly.compile(b as BufferSource) });

describe('ModuleCache', () => {
  it('keys by SHA-256 of the bytes (FIPS 180-4 "abc" vector), the engine id and the variant', () => {
    const abc = new TextEncoder().encode('abc');
    expect(moduleDigest(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const c = new ModuleCache({ engineId: 'node-20.20/v8-11.3' });
    expect(c.key(abc, 'cap=65536')).toBe(`${bytesToHex(sha256(abc))}\0node-20.20/v8-11.3\0cap=65536`);
  });

  it('a hit returns the same compiled module; equal bytes in another array hit too; another variant or engine misses', async () => {
    const c = new ModuleCache();
    const a = await c.get(trivial, 'cap=1', compile(trivial));
    const b = await c.get(trivial.slice(), 'cap=1', compile(trivial));
    expect(b.module).toBe(a.module);
    const other = await c.get(trivial, 'cap=2', compile(trivial));
    expect(other.module).not.toBe(a.module);
    expect(c.stats()).toEqual({ hits: 1, misses: 2, evictions: 0, entries: 2, bytes: 2 * trivial.length });
    const elsewhere = new ModuleCache({ engineId: 'other' });
    expect(elsewhere.key(trivial, 'cap=1')).not.toBe(c.key(trivial, 'cap=1'));
  });

  it('concurrent misses for one key share one build', async () => {
    const c = new ModuleCache();
    let builds = 0;
    const build = async () => {
      builds++;
      return { module: await WebAssembly.compile(trivial as BufferSource) };
    };
    const all = await Promise.all(Array.from({ length: 8 }, () => c.get(trivial, 'v', build)));
    expect(builds).toBe(1);
    expect(new Set(all.map((e) => e.module)).size).toBe(1);
    expect(c.stats()).toMatchObject({ hits: 7, misses: 1, entries: 1 });
  });

  it('a failed build is passed to every waiter and not kept: the next get builds again', async () => {
    const c = new ModuleCache();
    let builds = 0;
    const failing = () => {
      builds++;
      throw new Error('ERR_TEST: bad module');
    };
    await expect(Promise.all([c.get(trivial, 'v', failing), c.get(trivial, 'v', failing)])).rejects.toThrow('ERR_TEST: bad module');
    expect(builds).toBe(1);
    await Promise.resolve();
    expect(c.stats()).toMatchObject({ entries: 0, bytes: 0 });
    await c.get(trivial, 'v', compile(trivial));
    expect(c.stats()).toMatchObject({ entries: 1, misses: 2 });
  });

  it('evicts the least recently used entry past maxEntries', async () => {
    const c = new ModuleCache({ maxEntries: 2 });
    await c.get(trivial, 'a', compile(trivial));
    await c.get(trivial, 'b', compile(trivial));
    await c.get(trivial, 'a', compile(trivial)); // a is now the most recent
    await c.get(trivial, 'c', compile(trivial)); // evicts b
    expect(c.has(trivial, 'a')).toBe(true);
    expect(c.has(trivial, 'b')).toBe(false);
    expect(c.has(trivial, 'c')).toBe(true);
    expect(c.stats()).toEqual({ hits: 1, misses: 3, evictions: 1, entries: 2, bytes: 2 * trivial.length });
  });

  it('evicts past maxBytes, and never keeps a module larger than maxBytes', async () => {
    const c = new ModuleCache({ maxBytes: trivial.length * 2 });
    await c.get(trivial, 'a', compile(trivial));
    await c.get(trivial, 'b', compile(trivial));
    await c.get(trivial, 'c', compile(trivial));
    expect(c.stats()).toMatchObject({ entries: 2, evictions: 1, bytes: 2 * trivial.length });
    const small = new ModuleCache({ maxBytes: trivial.length - 1 });
    const m = await small.get(trivial, 'a', compile(trivial));
    expect(m.module).toBeInstanceOf(WebAssembly.Module);
    expect(small.stats()).toEqual({ hits: 0, misses: 1, evictions: 0, entries: 0, bytes: 0 });
  });

  it('clear() drops the entries and resets the counters', async () => {
    const c = new ModuleCache();
    await c.get(trivial, 'a', compile(trivial));
    await c.get(trivial, 'a', compile(trivial));
    c.clear();
    expect(c.stats()).toEqual({ hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0 });
  });

  it('rejects bad bounds with ERR_INVALID_OPTIONS', () => {
    expect(() => new ModuleCache({ maxEntries: -1 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
    expect(() => new ModuleCache({ maxBytes: 1.5 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
    expect(() => new ModuleCache({ engineId: 3 as unknown as string })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
  });

  it('the digest is memoised per array; defineFunction copies the payload, so the caller writing to its array changes nothing', () => {
    const mine = trivial.slice();
    const fn = defineFunction({ name: 'f', executorType: 'wasm', payload: mine });
    expect(fn.payload).not.toBe(mine);
    expect(fn.payload).toEqual(trivial);
    const before = moduleDigest(fn.payload);
    mine[mine.length - 1] = mine.at(-1)! ^ 0xff;
    expect(moduleDigest(fn.payload)).toBe(before);
    expect(moduleDigest(fn.payload, false)).toBe(before);
    expect(moduleDigest(mine, false)).not.toBe(before);
  });
});

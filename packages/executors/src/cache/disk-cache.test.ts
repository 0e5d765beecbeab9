/**
 * The on-disk store, on real files in fresh `mkdtemp` directories: values of get/put/stats/clear,
 * each kind of bad entry (made by corrupting a real entry file), LRU eviction by size, a read-only
 * directory (a real process of another user when the tests run as root), a directory that cannot
 * be created, ENOSPC in the middle of a write (the `fs` seam wrapping real node:fs), and real
 * processes writing one key concurrently while another reads it.
 *
 * The subprocess tests run `test/disk-cache-process.mjs`, which imports the BUILT
 * `dist/cache/disk-cache.js` (vitest.ensure-built.ts builds it when missing; rebuild after a change).
 */

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { writerBody } from '../../test/disk-cache-bodies.mjs';
import { asyncCodeOf, codeOf } from '../../test/support.js';
import { cacheKey, DiskCache, type DiskCacheFileHandle, type DiskCacheFs, defaultCacheDir, EXECUTORS_VERSION, nodeDiskCacheFs, nodeEngineParts, STALE_TEMP_MS } from './disk-cache.js';
import { engineId } from './engine-id.js';
import { decodeEntry, ENTRY_HEADER_BYTES } from './entry-format.js';

const ENGINE_A = engineId({ test: 'engine-a' });
const ENGINE_B = engineId({ test: 'engine-b' });
const SCRIPT = fileURLToPath(new URL('../../test/disk-cache-process.mjs', import.meta.url));

const roots: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shimkit-disk-cache-'));
  roots.push(d);
  return d;
}
afterEach(() => {
  for (const d of roots.splice(0)) {
    chmodTree(d);
    rmSync(d, { recursive: true, force: true });
  }
});
function chmodTree(d: string): void {
  if (!existsSync(d) || !statSync(d).isDirectory()) return;
  chmodSync(d, 0o755);
  for (const n of readdirSync(d)) chmodTree(join(d, n));
}

const body = (n: number, seed = 1): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * 13 + seed * 101) & 0xff);
const key = (name: string): string => cacheKey(name);
const files = (dir: string): string[] => readdirSync(dir).sort();

interface Ran {
  code: number | null;
  out: string;
  err: string;
}
function run(args: string[], options: { uid?: number; gid?: number } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}
function json<T>(r: Ran): T {
  expect(r.err).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.out) as T;
}

describe('cacheKey and defaultCacheDir', () => {
  it('hashes tagged, length-prefixed parts with SHA-256', () => {
    // One part 'ab': tag 1, u64 LE length 2, 'ab'.
    const expected = new Uint8Array([1, 2, 0, 0, 0, 0, 0, 0, 0, 0x61, 0x62]);
    expect(cacheKey('ab')).toBe(createHash('sha256').update(expected).digest('hex'));
    expect(cacheKey('ab')).not.toBe(cacheKey('a', 'b'));
    expect(cacheKey('ab')).not.toBe(cacheKey(new Uint8Array([0x61, 0x62])));
    expect(cacheKey(new Uint8Array(0))).toMatch(/^[0-9a-f]{64}$/);
    expect(codeOf(() => cacheKey())).toBe('ERR_INVALID_CACHE_KEY');
    expect(codeOf(() => cacheKey(3 as never))).toBe('ERR_INVALID_CACHE_KEY');
  });

  it('names this package version in the Node engine parts', () => {
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
    expect(EXECUTORS_VERSION).toBe(manifest.version);
    expect(nodeEngineParts()).toEqual({ node: process.versions.node, v8: process.versions.v8, executors: manifest.version, format: '1' });
  });

  it('takes $SHIMKIT_CACHE_DIR, else an absolute $XDG_CACHE_HOME, else ~/.cache', () => {
    const saved = { own: process.env['SHIMKIT_CACHE_DIR'], xdg: process.env['XDG_CACHE_HOME'], home: process.env['HOME'] };
    try {
      process.env['SHIMKIT_CACHE_DIR'] = '/srv/cache';
      process.env['XDG_CACHE_HOME'] = '/xdg';
      expect(defaultCacheDir()).toBe('/srv/cache');
      delete process.env['SHIMKIT_CACHE_DIR'];
      expect(defaultCacheDir()).toBe('/xdg/shimkit/executors');
      process.env['XDG_CACHE_HOME'] = 'relative';
      process.env['HOME'] = '/home/someone';
      expect(defaultCacheDir()).toBe('/home/someone/.cache/shimkit/executors');
    } finally {
      for (const [k, v] of [['SHIMKIT_CACHE_DIR', saved.own], ['XDG_CACHE_HOME', saved.xdg], ['HOME', saved.home]] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});

describe('DiskCache: values', () => {
  it('rejects bad options and keys with stable codes, before touching a file', async () => {
    const dir = freshDir();
    expect(codeOf(() => new DiskCache({ dir, engine: 'nope' }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir, engine: ENGINE_A.toUpperCase() }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir, engine: ENGINE_A, maxBytes: 99 }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir, engine: ENGINE_A, maxBytes: 1.5 }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir: '', engine: ENGINE_A }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir, engine: ENGINE_A, size: 1 } as never))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache({ dir, engine: ENGINE_A, fs: { ...nodeDiskCacheFs, rename: undefined } as never }))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new DiskCache(null as never))).toBe('ERR_INVALID_OPTIONS');
    const cache = new DiskCache({ dir, engine: ENGINE_A });
    expect(await asyncCodeOf(cache.get('abc'))).toBe('ERR_INVALID_CACHE_KEY');
    expect(await asyncCodeOf(cache.get(key('x').toUpperCase()))).toBe('ERR_INVALID_CACHE_KEY');
    expect(await asyncCodeOf(cache.put('abc', body(1)))).toBe('ERR_INVALID_CACHE_KEY');
    expect(await asyncCodeOf(cache.put(key('x'), [1, 2] as never))).toBe('ERR_INVALID_ARG_TYPE');
    expect(files(dir)).toEqual([]);
  });

  it('puts, gets, counts and clears, in <dir>/<engine>/<key>.entry', async () => {
    const dir = freshDir();
    const cache = new DiskCache({ dir, engine: ENGINE_A, maxBytes: 1 << 20 });
    const [k1, k2] = [key('one'), key('two')];
    expect(await cache.get(k1)).toBeUndefined();
    expect(await cache.put(k1, body(1000))).toBe(true);
    expect(await cache.put(k2, body(24, 2))).toBe(true);
    const hit = await cache.get(k1);
    expect(hit).toEqual(body(1000));
    expect([hit!.byteOffset, hit!.buffer.byteLength]).toEqual([0, 1000]); // alone in its buffer: transferable as is
    expect(await cache.get(k2)).toEqual(body(24, 2));
    expect(files(dir)).toEqual([ENGINE_A]);
    expect(files(join(dir, ENGINE_A))).toEqual([`${k1}.entry`, `${k2}.entry`].sort());
    expect(readFileSync(cache.pathOf(k1)).length).toBe(ENTRY_HEADER_BYTES + 1000);
    // Written with node:crypto's SHA-256, read back by the platform-free decoder (@noble/hashes).
    expect(decodeEntry(new Uint8Array(readFileSync(cache.pathOf(k1))), { engine: ENGINE_A, key: k1 })).toEqual(body(1000));
    expect(cache.stats()).toEqual({
      enabled: true,
      dir,
      engine: ENGINE_A,
      entries: 2,
      bytes: 2 * ENTRY_HEADER_BYTES + 1024,
      maxBytes: 1 << 20,
      hits: 2,
      misses: 1,
      discarded: 0,
      discardedBy: {},
      evictions: 0,
      writes: 2,
      writeFailures: 0,
    });
    expect(cache.statusLine()).toBe(`disk cache: ${dir} (engine ${ENGINE_A.slice(0, 8)}…): 2 entries, 1.2 KiB of 1 MiB; 2 hits, 1 miss`);
    // A second instance (another process would do the same) sees the entries on its first call.
    const other = new DiskCache({ dir, engine: ENGINE_A });
    expect(await other.get(k2)).toEqual(body(24, 2));
    expect(other.stats()).toMatchObject({ entries: 2, bytes: 2 * ENTRY_HEADER_BYTES + 1024, hits: 1, misses: 0 });
    await cache.clear();
    expect(files(join(dir, ENGINE_A))).toEqual([]);
    expect(cache.stats()).toMatchObject({ entries: 0, bytes: 0, hits: 2, misses: 1, writes: 2 });
    expect(await cache.get(k1)).toBeUndefined();
    expect(cache.stats().misses).toBe(2);
  });

  it('replaces an entry on a second put of the same key', async () => {
    const cache = new DiskCache({ dir: freshDir(), engine: ENGINE_A });
    const k = key('same');
    expect(await cache.put(k, body(10, 1))).toBe(true);
    expect(await cache.put(k, body(20, 2))).toBe(true);
    expect(await cache.get(k)).toEqual(body(20, 2));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: ENTRY_HEADER_BYTES + 20, writes: 2 });
  });
});

describe('DiskCache: bad entries are misses, deleted, never trusted', () => {
  async function stored(): Promise<{ cache: DiskCache; k: string; path: string; dir: string }> {
    const dir = freshDir();
    const cache = new DiskCache({ dir, engine: ENGINE_A });
    const k = key('victim');
    expect(await cache.put(k, body(4096))).toBe(true);
    return { cache, k, path: cache.pathOf(k), dir };
  }
  const flipByte = (path: string, at: number): void => {
    const b = readFileSync(path);
    b[at]! ^= 0x20;
    writeFileSync(path, b);
  };

  it.each([
    ['a truncated entry', 'truncated', (p: string) => truncateSync(p, ENTRY_HEADER_BYTES + 100)],
    ['an entry cut inside its header', 'truncated', (p: string) => truncateSync(p, 40)],
    ['one flipped byte in the body', 'digest', (p: string) => flipByte(p, ENTRY_HEADER_BYTES + 2000)],
    ['one flipped byte in the header digest', 'digest', (p: string) => flipByte(p, 70)],
    ['one flipped byte in the header key', 'other-key', (p: string) => flipByte(p, 40)],
    ['one flipped byte in the magic', 'bad-magic', (p: string) => flipByte(p, 3)],
    ['another format version', 'other-version', (p: string) => {
      const b = readFileSync(p);
      b.writeUInt32LE(2, 8);
      writeFileSync(p, b);
    }],
    ['trailing bytes', 'length', (p: string) => writeFileSync(p, Buffer.concat([readFileSync(p), Buffer.from([0])]))],
    ['an empty file', 'truncated', (p: string) => writeFileSync(p, '')],
  ] as const)('%s is a %s miss', async (_name, reason, corrupt) => {
    const { cache, k, path } = await stored();
    corrupt(path);
    expect(await cache.get(k)).toBeUndefined();
    expect(existsSync(path)).toBe(false);
    expect(cache.stats()).toMatchObject({ hits: 0, misses: 1, discarded: 1, discardedBy: { [reason]: 1 }, entries: 0, bytes: 0 });
    // Rebuilt by the next put.
    expect(await cache.put(k, body(4096))).toBe(true);
    expect(await cache.get(k)).toEqual(body(4096));
  });

  it('an entry of engine A copied into engine B is a miss for B (and stays good for A)', async () => {
    const { cache: a, k, path, dir } = await stored();
    const b = new DiskCache({ dir, engine: ENGINE_B });
    mkdirSync(b.engineDir, { recursive: true });
    copyFileSync(path, b.pathOf(k));
    expect(await b.get(k)).toBeUndefined();
    expect(b.stats()).toMatchObject({ misses: 1, discarded: 1, discardedBy: { 'other-engine': 1 } });
    expect(existsSync(b.pathOf(k))).toBe(false);
    expect(await a.get(k)).toEqual(body(4096));
  });
});

describe('DiskCache: racing writers in one process', () => {
  it('8 concurrent puts of one key all succeed; one whole body remains, no temp file', async () => {
    const cache = new DiskCache({ dir: freshDir(), engine: ENGINE_A });
    const k = key('race');
    const bodies = Array.from({ length: 8 }, (_, i) => body(50_000 + i, i));
    expect(await Promise.all(bodies.map((b) => cache.put(k, b)))).toEqual(Array(8).fill(true));
    expect(files(cache.engineDir)).toEqual([`${k}.entry`]);
    const got = await cache.get(k);
    expect(bodies.some((b) => b.length === got?.length && Buffer.compare(Buffer.from(b), Buffer.from(got)) === 0)).toBe(true);
  });

  it('a bad entry replaced by a writer between the read and the delete is kept (the inode is compared)', async () => {
    const dir = freshDir();
    const k = key('swap');
    const writer = new DiskCache({ dir, engine: ENGINE_A });
    expect(await writer.put(k, body(300, 1))).toBe(true);
    truncateSync(writer.pathOf(k), 150);
    let armed = false;
    let swapped = false;
    // Real node:fs; the reader's identity check (stat of the path before the delete) first lets a
    // real writer rename a fresh entry onto the path.
    const fs: DiskCacheFs = {
      ...nodeDiskCacheFs,
      async stat(path) {
        if (armed && path === writer.pathOf(k) && !swapped) {
          swapped = true;
          expect(await writer.put(k, body(300, 2))).toBe(true);
        }
        return nodeDiskCacheFs.stat(path);
      },
    };
    const reader = new DiskCache({ dir, engine: ENGINE_A, fs });
    await reader.refresh(); // its first directory scan stats the entry too: done before arming
    armed = true;
    expect(await reader.get(k)).toBeUndefined();
    expect(swapped).toBe(true);
    expect(reader.stats()).toMatchObject({ misses: 1, discardedBy: { truncated: 1 } });
    expect(await reader.get(k)).toEqual(body(300, 2));
  });

  it('refresh() sees what another instance wrote', async () => {
    const dir = freshDir();
    const a = new DiskCache({ dir, engine: ENGINE_A });
    const b = new DiskCache({ dir, engine: ENGINE_A });
    expect(await b.get(key('x'))).toBeUndefined();
    expect(b.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(await a.put(key('x'), body(900))).toBe(true);
    expect(await b.refresh()).toMatchObject({ entries: 1, bytes: ENTRY_HEADER_BYTES + 900 });
  });
});

describe('DiskCache: size bound, LRU', () => {
  it('evicts least recently used entries first, never the one just written', async () => {
    const dir = freshDir();
    const entry = ENTRY_HEADER_BYTES + 1000;
    const cache = new DiskCache({ dir, engine: ENGINE_A, maxBytes: 3 * entry });
    const [a, b, c, d, e] = ['a', 'b', 'c', 'd', 'e'].map(key) as [string, string, string, string, string];
    for (const k of [a, b, c]) expect(await cache.put(k, body(1000))).toBe(true);
    const t0 = Date.now() / 1000 - 3600;
    utimesSync(cache.pathOf(a), t0, t0);
    utimesSync(cache.pathOf(b), t0 + 10, t0 + 10);
    utimesSync(cache.pathOf(c), t0 + 20, t0 + 20);
    expect(await cache.get(a)).toEqual(body(1000)); // a hit makes a the most recent
    expect(statSync(cache.pathOf(a)).mtimeMs).toBeGreaterThan((t0 + 20) * 1000);
    expect(await cache.put(d, body(1000))).toBe(true);
    expect(cache.stats()).toMatchObject({ entries: 3, bytes: 3 * entry, evictions: 1 });
    expect(existsSync(cache.pathOf(b))).toBe(false);
    // Now: c (t0+20) oldest, then a, then d. A double-size entry evicts c and a.
    utimesSync(cache.pathOf(a), t0 + 30, t0 + 30);
    utimesSync(cache.pathOf(d), t0 + 40, t0 + 40);
    expect(await cache.put(e, body(2 * entry - ENTRY_HEADER_BYTES))).toBe(true);
    expect(files(cache.engineDir)).toEqual([`${d}.entry`, `${e}.entry`].sort());
    expect(cache.stats()).toMatchObject({ entries: 2, bytes: 3 * entry, evictions: 3 });
    // An entry that cannot fit at all is not written.
    expect(await cache.put(key('huge'), body(3 * entry))).toBe(false);
    expect(cache.stats()).toMatchObject({ entries: 2, writes: 5, writeFailures: 0, enabled: true });
  });

  it('deletes temp files older than 10 minutes, not a live one nor a file it does not own', async () => {
    const cache = new DiskCache({ dir: freshDir(), engine: ENGINE_A });
    mkdirSync(cache.engineDir, { recursive: true });
    const old = join(cache.engineDir, '.tmp-1-dead');
    const live = join(cache.engineDir, '.tmp-2-live');
    const foreign = join(cache.engineDir, 'notes.txt');
    for (const f of [old, live, foreign]) writeFileSync(f, 'x');
    const past = (Date.now() - STALE_TEMP_MS - 60_000) / 1000;
    utimesSync(old, past, past);
    utimesSync(foreign, past, past);
    expect(await cache.put(key('k'), body(10))).toBe(true);
    expect(files(cache.engineDir)).toEqual([live.slice(cache.engineDir.length + 1), `${key('k')}.entry`, 'notes.txt'].sort());
  });
});

describe('DiskCache: degradation', () => {
  it('a read-only directory: reads still hit, a put returns false and turns writes off with the reason', async () => {
    // chmod does not stop root, so when the tests run as root the cache is used by a real process
    // of user nobody (65534); otherwise by a process of the current user. Same script either way.
    const root = freshDir();
    chmodSync(root, 0o755);
    const dir = join(root, 'cache');
    const k = key('ro');
    const writer = new DiskCache({ dir, engine: ENGINE_A });
    expect(await writer.put(k, new Uint8Array([1, 2, 3]))).toBe(true);
    chmodSync(writer.engineDir, 0o555);
    chmodSync(dir, 0o555);
    const asRoot = process.getuid?.() === 0;
    const r = json<{ got: number[]; stored: boolean; again: number[]; stats: Record<string, unknown>; status: string }>(
      await run(['readonly', dir, ENGINE_A, k], asRoot ? { uid: 65534, gid: 65534 } : {}),
    );
    expect(r.got).toEqual([1, 2, 3]);
    expect(r.stored).toBe(false);
    expect(r.again).toEqual([1, 2, 3]);
    expect(r.stats).toMatchObject({ enabled: false, reason: `${dir} is read-only (EACCES)`, hits: 2, misses: 0, writes: 0, writeFailures: 1 });
    expect(r.status).toBe(`disk cache: off — ${dir} is read-only (EACCES); reads only: 2 hits, 0 misses; 1 failed write`);
    expect(files(writer.engineDir)).toEqual([`${k}.entry`]); // no temp file left behind
  });

  it('a directory that cannot be created (a path under a file, ENOTDIR) turns writes off', async () => {
    const root = freshDir();
    writeFileSync(join(root, 'file'), 'x');
    const dir = join(root, 'file', 'cache');
    const cache = new DiskCache({ dir, engine: ENGINE_A });
    expect(await cache.get(key('k'))).toBeUndefined();
    expect(await cache.put(key('k'), body(5))).toBe(false);
    expect(await cache.put(key('k'), body(5))).toBe(false);
    expect(cache.stats()).toMatchObject({ enabled: false, reason: `${join(dir, ENGINE_A)} cannot be created (ENOTDIR)`, misses: 1, writes: 0, writeFailures: 1 });
  });

  it('ENOSPC half-way through a write: false, writes off, no temp file, the previous entry still readable', async () => {
    const dir = freshDir();
    const k = key('full');
    let armed = false;
    let tempAtFailure: { path: string; size: number } | undefined;
    // Real node:fs, except that once armed, the body write of a new file writes half its bytes
    // for real and then fails as a full disk does.
    const fs: DiskCacheFs = {
      ...nodeDiskCacheFs,
      async open(path, flags, mode) {
        const h = await nodeDiskCacheFs.open(path, flags, mode);
        if (flags !== 'wx' || !armed) return h;
        const failing: DiskCacheFileHandle = {
          read: (...a) => h.read(...a),
          stat: () => h.stat(),
          sync: () => h.sync(),
          close: () => h.close(),
          async write(buffer, offset, length) {
            if (length <= ENTRY_HEADER_BYTES) return h.write(buffer, offset, length);
            await h.write(buffer, offset, Math.floor(length / 2));
            tempAtFailure = { path, size: statSync(path).size };
            throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
          },
        };
        return failing;
      },
    };
    const cache = new DiskCache({ dir, engine: ENGINE_A, fs });
    expect(await cache.put(k, body(5000, 1))).toBe(true);
    armed = true;
    expect(await cache.put(k, body(5000, 2))).toBe(false);
    expect(tempAtFailure?.size).toBe(ENTRY_HEADER_BYTES + 2500);
    expect(tempAtFailure?.path.startsWith(join(cache.engineDir, `.tmp-${process.pid}-`))).toBe(true);
    expect(files(cache.engineDir)).toEqual([`${k}.entry`]);
    expect(await cache.get(k)).toEqual(body(5000, 1));
    expect(await cache.put(key('other'), body(10))).toBe(false); // writes stay off
    expect(cache.stats()).toMatchObject({ enabled: false, reason: `${dir} is full (ENOSPC)`, writes: 1, writeFailures: 1, hits: 1, entries: 1 });
    expect(cache.statusLine()).toBe(`disk cache: off — ${dir} is full (ENOSPC); reads only: 1 hit, 0 misses; 1 failed write`);
  });

  it('EPERM from the rename (Windows, onto a file a reader holds open) fails that put only', async () => {
    const dir = freshDir();
    let refuse = true;
    const fs: DiskCacheFs = {
      ...nodeDiskCacheFs,
      async rename(from, to) {
        if (refuse) throw Object.assign(new Error(`EPERM: operation not permitted, rename '${from}' -> '${to}'`), { code: 'EPERM' });
        return nodeDiskCacheFs.rename(from, to);
      },
    };
    const cache = new DiskCache({ dir, engine: ENGINE_A, fs });
    expect(await cache.put(key('k'), body(10))).toBe(false);
    expect(files(cache.engineDir)).toEqual([]); // the temp file is gone
    expect(cache.stats()).toMatchObject({ enabled: true, writes: 0, writeFailures: 1 });
    refuse = false;
    expect(await cache.put(key('k'), body(10))).toBe(true);
    expect(await cache.get(key('k'))).toEqual(body(10));
  });
});

describe('DiskCache: real processes', () => {
  it('4 processes putting one key 50 times each while another reads: every read is one whole body or a miss', async () => {
    const WRITERS = 4;
    const ROUNDS = 50;
    const BYTES = 256 * 1024;
    const dir = freshDir();
    const k = key('contended');
    const stop = join(dir, 'stop');
    const reader = run(['read', dir, ENGINE_A, k, String(WRITERS), String(BYTES), stop]);
    const writers = await Promise.all(Array.from({ length: WRITERS }, (_, w) => run(['write', dir, ENGINE_A, k, String(w), String(ROUNDS), String(BYTES)])));
    writeFileSync(stop, '');
    for (const w of writers) {
      expect(json<{ stored: number; stats: Record<string, unknown> }>(w)).toMatchObject({ stored: ROUNDS, stats: { writes: ROUNDS, writeFailures: 0, discarded: 0, enabled: true } });
    }
    const r = json<{ reads: number; misses: number; garbage: number; seen: number[]; stats: { discarded: number } }>(await reader);
    expect(r.garbage).toBe(0);
    expect(r.stats.discarded).toBe(0); // not even a torn entry that the header check caught
    expect(r.seen.reduce((a, b) => a + b, 0) + r.misses).toBe(r.reads);
    expect(r.seen.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1); // the last read, after all writes
    const cache = new DiskCache({ dir, engine: ENGINE_A });
    expect(files(cache.engineDir)).toEqual([`${k}.entry`]); // no temp file left
    const final = await cache.get(k);
    expect(final).toEqual(writerBody(final![0]!, BYTES));
  });
});

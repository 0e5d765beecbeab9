/**
 * Node only (`@shimkit/executors/cache`): the on-disk store of the compiled-module cache — a
 * directory of entries per engine id, each entry a verified header plus a body (`entry-format.ts`).
 *
 * Modelled on wasmtime's `crates/cache` (key = hash of the compile environment with the bytes;
 * atomic writes through a work-in-progress file and a rename; any decode failure is a miss; a
 * total-size limit with cleanup of the least recently used files and of stale work-in-progress
 * files) and built to avoid what wasmer's `FileSystemCache` (`wasmer-runtime/src/cache.rs`) gets
 * wrong: its `store` is `File::create` + `write_all`, so a parallel writer or a crash leaves a
 * half-written artifact that readers load; its key ignores the engine version (wasmer#272); its
 * loader trusts whatever bytes it finds (the doc comment calls it `unsafe` for that reason).
 *
 * Layout: `<dir>/<engine id>/<key>.entry`, plus `.tmp-<pid>-<random>` files while a write is in
 * flight. Guarantees:
 * - A write is atomic: temp file in the same directory, all bytes written, `fsync`, `rename` onto
 *   `<key>.entry`, `fsync` of the directory (best effort). Any failure removes the temp file.
 *   Two processes storing one key both succeed; a reader sees one writer's whole entry or a miss.
 * - A read verifies the whole header and the body's SHA-256; a bad entry is a miss, is deleted
 *   (unless another writer replaced the file meanwhile) and counted in `discarded`.
 * - A hit sets the entry's mtime to now; after a put, entries are deleted oldest mtime first until
 *   the engine directory holds at most `maxBytes`; temp files whose mtime is older than 10
 *   minutes (a crashed writer's: a live write moves the mtime on each write) are deleted too,
 *   never a younger one (possibly another process's live write).
 * - File-system trouble never throws: a read-only directory (`EACCES`, `EROFS`, `EPERM` when
 *   creating the directory or the temp file), a full disk (`ENOSPC`, `EDQUOT` at any step) or a
 *   directory that cannot be created turns writes off for this instance, with the reason in
 *   `stats()` and `statusLine()`; reads go on where they can. Any other failure fails that put only.
 */

import { createHash, randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { assertBytes } from '@shimkit/os-shim/validate';
import { ExecutorError } from '../errors.js';
import { checkOptionKeys } from '../options.js';
import { runtimeEngineParts } from './engine-id.js';
import { checkEntry, ENTRY_HEADER_BYTES, type EntryMissReason, encodeEntryHeader, type Sha256 } from './entry-format.js';

export { CACHE_FORMAT_VERSION, type EngineParts, engineId, runtimeEngineParts } from './engine-id.js';
export { checkEntry, decodeEntry, encodeEntry, encodeEntryHeader, ENTRY_HEADER_BYTES, ENTRY_MAGIC, type EntryMissReason, type Sha256 } from './entry-format.js';

/** The version of this `@shimkit/executors` (its `package.json`), for `runtimeEngineParts`. */
export const EXECUTORS_VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/**
 * The running engine's parts with this package's version: `runtimeEngineParts(EXECUTORS_VERSION)`.
 *
 * @example const engine = engineId({ ...nodeEngineParts(), maxMemoryPages: 256 });
 */
export function nodeEngineParts(): Record<string, string> {
  return runtimeEngineParts(EXECUTORS_VERSION);
}

/** Default bound on one engine directory: 512 MiB. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;
/** A temp file whose mtime is older than this (ms) belongs to a dead writer and is deleted. */
export const STALE_TEMP_MS = 10 * 60 * 1000;

const KEY_HEX = /^[0-9a-f]{64}$/;
const ENGINE_HEX = /^[0-9a-f]{32}$/;
const ENTRY_NAME = /^([0-9a-f]{64})\.entry$/;
const TEMP_PREFIX = '.tmp-';
const READ_ONLY_CODES = new Set(['EACCES', 'EROFS', 'EPERM']);
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/** What the store needs of `stat`: sizes in bytes, mtime in ms since the epoch. */
export interface DiskCacheStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly dev: number;
}

/** The open-file operations the store uses (a subset of `node:fs/promises`' `FileHandle`). */
export interface DiskCacheFileHandle {
  read(buffer: Uint8Array, offset: number, length: number, position: number): Promise<{ bytesRead: number }>;
  write(buffer: Uint8Array, offset: number, length: number): Promise<{ bytesWritten: number }>;
  stat(): Promise<DiskCacheStat>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The file operations the store uses — the default is `node:fs/promises`. A test seam for fault
 * injection (a wrapper over the real functions that fails one call), kept to what the store calls.
 */
export interface DiskCacheFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  /** `flags`: `'r'` (read a file or a directory, for its fsync) or `'wx'` (create a new file). */
  open(path: string, flags: 'r' | 'wx', mode?: number): Promise<DiskCacheFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  stat(path: string): Promise<DiskCacheStat>;
  utimes(path: string, atime: Date, mtime: Date): Promise<void>;
}

/** `node:fs/promises`, as a `DiskCacheFs`. */
export const nodeDiskCacheFs: DiskCacheFs = {
  mkdir: (path, options) => fsp.mkdir(path, options),
  open: (path, flags, mode) => fsp.open(path, flags, mode),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
  readdir: (path) => fsp.readdir(path),
  stat: (path) => fsp.stat(path),
  utimes: (path, atime, mtime) => fsp.utimes(path, atime, mtime),
};

export interface DiskCacheOptions {
  /** Root directory (default `defaultCacheDir()`); this engine's entries live in `<dir>/<engine>/`. A relative path is resolved against the working directory at construction. */
  readonly dir?: string;
  /** Engine id (`engineId(...)`, 32 lowercase hex); an entry written under another engine is never loaded. */
  readonly engine: string;
  /** Bound on the total bytes (headers included) of this engine's entries (default 512 MiB); least recently used evicted first. A safe integer ≥ 100. */
  readonly maxBytes?: number;
  /** Test seam for fault injection: the file operations the store uses (default `nodeDiskCacheFs`). */
  readonly fs?: DiskCacheFs;
}

/** A snapshot of the store; counters count this instance's calls since it was made. */
export interface DiskCacheStats {
  /** False once writes were turned off (read-only or full directory); `reason` says why. */
  enabled: boolean;
  reason?: string;
  /** The root directory (absolute). */
  dir: string;
  engine: string;
  /** Entries and their bytes (headers included) in the engine directory at the last scan (first call, each put, `clear`, `refresh`), adjusted by this instance's own changes since. */
  entries: number;
  bytes: number;
  maxBytes: number;
  /** `get` calls that returned a body / returned `undefined`. */
  hits: number;
  misses: number;
  /** Bad entries found by `get` (each also a miss), by reason. `discarded` is their sum. */
  discarded: number;
  discardedBy: Partial<Record<EntryMissReason, number>>;
  /** Entries deleted to stay under `maxBytes`. */
  evictions: number;
  /** Puts stored / puts that failed on the file system (a put skipped because writes are off, or because the entry exceeds `maxBytes`, is neither). */
  writes: number;
  writeFailures: number;
}

/**
 * The default root directory: `$SHIMKIT_CACHE_DIR` when set and non-empty; else
 * `$XDG_CACHE_HOME/shimkit/executors` when `XDG_CACHE_HOME` is an absolute path (the XDG Base
 * Directory spec ignores a relative one); else `~/.cache/shimkit/executors`.
 *
 * @example defaultCacheDir(); // '/home/me/.cache/shimkit/executors'
 */
export function defaultCacheDir(): string {
  const own = process.env['SHIMKIT_CACHE_DIR'];
  if (own !== undefined && own !== '') return resolve(own);
  const xdg = process.env['XDG_CACHE_HOME'];
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, 'shimkit', 'executors');
  return join(homedir(), '.cache', 'shimkit', 'executors');
}

/**
 * A cache key: SHA-256 (node:crypto) over the parts, each encoded as a tag byte (0 bytes, 1 a
 * string as UTF-8), its length as u64 little-endian, then its bytes — so no two different part lists
 * give the same input (`cacheKey('ab')` ≠ `cacheKey('a', 'b')` ≠ `cacheKey(bytes('ab'))`).
 *
 * @param parts at least one `Uint8Array` or string (typically the module bytes, then options).
 * @returns 64 lowercase hex characters.
 * @throws ExecutorError `ERR_INVALID_CACHE_KEY` with no parts or a part of another type.
 * @example const key = cacheKey(wasmBytes, 'limits:maxMemoryPages=256');
 */
export function cacheKey(...parts: Array<Uint8Array | string>): string {
  if (parts.length === 0) throw new ExecutorError('ERR_INVALID_CACHE_KEY', 'cacheKey needs at least one part (the bytes the entry is derived from)');
  const hash = createHash('sha256');
  const prefix = new Uint8Array(9);
  const view = new DataView(prefix.buffer);
  for (const [i, part] of parts.entries()) {
    let bytes: Uint8Array;
    if (typeof part === 'string') bytes = new TextEncoder().encode(part);
    else if (part instanceof Uint8Array) bytes = part;
    else throw new ExecutorError('ERR_INVALID_CACHE_KEY', `cacheKey part ${i} must be a Uint8Array or a string`);
    prefix[0] = typeof part === 'string' ? 1 : 0;
    view.setBigUint64(1, BigInt(bytes.length), true);
    hash.update(prefix);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

/** SHA-256 by node:crypto (OpenSSL): the entry digests of multi-megabyte bodies at native speed. */
const nodeSha256: Sha256 = (bytes) => createHash('sha256').update(bytes).digest();

const codeOf = (e: unknown): string => {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
};

/** Runs `fn`, ignoring any failure (best-effort clean-up steps). */
async function quietly(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn();
  } catch {
    // best effort: the caller's result does not depend on it
  }
}

function formatBytes(n: number): string {
  const [value, unit] = n >= 1024 * 1024 ? [n / (1024 * 1024), 'MiB'] : n >= 1024 ? [n / 1024, 'KiB'] : [n, 'B'];
  return `${unit === 'B' ? String(value) : value.toFixed(1).replace(/\.0$/, '')} ${unit}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

interface Scanned {
  readonly key: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
}

/**
 * The on-disk store of one engine's entries. See the module comment for the guarantees.
 *
 * @example
 * const cache = new DiskCache({ engine: engineId({ ...runtimeEngineParts(EXECUTORS_VERSION), kind: 'wasm' }) });
 * const key = cacheKey(wasmBytes);
 * const body = (await cache.get(key)) ?? (await build(wasmBytes).then(async (b) => (await cache.put(key, b), b)));
 * console.log(cache.statusLine());
 */
export class DiskCache {
  readonly #dir: string;
  readonly #engine: string;
  readonly #engineDir: string;
  readonly #maxBytes: number;
  readonly #fs: DiskCacheFs;
  #reason: string | undefined;
  #scanned: Promise<void> | undefined;
  #entries = 0;
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #discardedBy: Partial<Record<EntryMissReason, number>> = {};
  #evictions = 0;
  #writes = 0;
  #writeFailures = 0;

  /**
   * Touches no file: the engine directory is created by the first `put`.
   *
   * @throws ExecutorError `ERR_INVALID_OPTIONS` when `options` is not a plain object, names an
   *   unknown option, `engine` is not 32 lowercase hex, `dir` is not a non-empty string,
   *   `maxBytes` is not a safe integer ≥ 100 (one header), or `fs` lacks one of its functions.
   */
  constructor(options: DiskCacheOptions) {
    const o = options as unknown;
    if (typeof o !== 'object' || o === null || Array.isArray(o)) throw new ExecutorError('ERR_INVALID_OPTIONS', 'DiskCache options must be an object with at least `engine`');
    checkOptionKeys('DiskCache options', o, ['dir', 'engine', 'maxBytes', 'fs']);
    const { dir, engine, maxBytes, fs } = options;
    if (typeof engine !== 'string' || !ENGINE_HEX.test(engine)) throw new ExecutorError('ERR_INVALID_OPTIONS', 'DiskCache options.engine must be 32 lowercase hex characters (engineId(...))');
    if (dir !== undefined && (typeof dir !== 'string' || dir === '' || dir.includes('\0'))) throw new ExecutorError('ERR_INVALID_OPTIONS', 'DiskCache options.dir must be a non-empty path');
    if (maxBytes !== undefined && (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < ENTRY_HEADER_BYTES)) {
      throw new ExecutorError('ERR_INVALID_OPTIONS', `DiskCache options.maxBytes must be a safe integer ≥ ${ENTRY_HEADER_BYTES} (bytes)`);
    }
    if (fs !== undefined) {
      const missing = (Object.keys(nodeDiskCacheFs) as Array<keyof DiskCacheFs>).filter((k) => typeof (fs as unknown as Record<string, unknown>)[k] !== 'function');
      if (missing.length > 0) throw new ExecutorError('ERR_INVALID_OPTIONS', `DiskCache options.fs lacks ${missing.join(', ')}`);
    }
    this.#dir = resolve(dir ?? defaultCacheDir());
    this.#engine = engine;
    this.#engineDir = join(this.#dir, engine);
    this.#maxBytes = maxBytes ?? DEFAULT_MAX_BYTES;
    this.#fs = fs ?? nodeDiskCacheFs;
  }

  /** `<dir>/<engine>`: where this engine's entries are. */
  get engineDir(): string {
    return this.#engineDir;
  }

  /** The file of `key`'s entry. @throws ExecutorError `ERR_INVALID_CACHE_KEY` as `get`. */
  pathOf(key: string): string {
    return join(this.#engineDir, `${checkKey(key)}.entry`);
  }

  /**
   * The body stored under `key`, or `undefined` (a miss: absent, unreadable, or a bad entry — which
   * is then deleted and counted in `discarded`). A hit sets the entry's mtime to now (LRU).
   *
   * @param key 64 lowercase hex characters (`cacheKey(...)`).
   * @returns a fresh `Uint8Array` the caller owns, alone in its `ArrayBuffer` (offset 0, transferable).
   * @throws ExecutorError `ERR_INVALID_CACHE_KEY` when `key` is malformed; never for file-system trouble.
   */
  async get(key: string): Promise<Uint8Array | undefined> {
    const path = this.pathOf(key);
    await this.#firstScan();
    let read: { header: Uint8Array; body: Uint8Array; identity: DiskCacheStat } | undefined;
    try {
      read = await this.#readFile(path);
    } catch {
      this.#misses++;
      return undefined;
    }
    if (read === undefined) {
      // Larger than this instance's bound (another process may run with a larger one): a miss,
      // not read; the next put's eviction pass deletes it if the directory is over the bound.
      this.#misses++;
      return undefined;
    }
    const reason = checkEntry(read.header, read.body, { engine: this.#engine, key }, nodeSha256);
    if (reason !== undefined) {
      this.#misses++;
      this.#discardedBy[reason] = (this.#discardedBy[reason] ?? 0) + 1;
      await this.#discard(path, read.identity);
      return undefined;
    }
    this.#hits++;
    const now = new Date();
    await quietly(() => this.#fs.utimes(path, now, now));
    return read.body;
  }

  /**
   * Stores `body` under `key`, atomically (see the module comment), then evicts to stay under
   * `maxBytes`.
   *
   * @param key 64 lowercase hex characters (`cacheKey(...)`).
   * @param body the bytes to store (not kept; do not modify them before the promise settles — a
   *   body changed after its digest was taken would be stored as an entry that reads as a miss).
   * @returns true when stored; false when writes are off, the entry alone exceeds `maxBytes`, or
   *   the write failed (a read-only or full directory also turns writes off). Never rejects for
   *   file-system trouble.
   * @throws ExecutorError `ERR_INVALID_CACHE_KEY` when `key` is malformed; ShimkitTypeError
   *   `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER` when `body` is not a live `Uint8Array`.
   */
  async put(key: string, body: Uint8Array): Promise<boolean> {
    const path = this.pathOf(key);
    assertBytes(body, 'body');
    if (this.#reason !== undefined || ENTRY_HEADER_BYTES + body.length > this.#maxBytes) return false;
    const header = encodeEntryHeader(this.#engine, key, body, nodeSha256);
    try {
      await this.#fs.mkdir(this.#engineDir, { recursive: true });
    } catch (e) {
      this.#writeFailures++;
      const code = codeOf(e);
      this.#reason = READ_ONLY_CODES.has(code) || FULL_CODES.has(code) ? this.#describe(code) : `${this.#engineDir} cannot be created (${code})`;
      return false;
    }
    await this.#firstScan();
    const temp = join(this.#engineDir, `${TEMP_PREFIX}${process.pid}-${randomBytes(8).toString('hex')}`);
    let handle: DiskCacheFileHandle | undefined;
    try {
      try {
        handle = await this.#fs.open(temp, 'wx', 0o644);
      } catch (e) {
        // Refused to create a file: the directory is read-only for us (or full).
        const code = codeOf(e);
        if (READ_ONLY_CODES.has(code)) this.#reason = this.#describe(code);
        throw e;
      }
      await writeAll(handle, header);
      await writeAll(handle, body);
      await handle.sync();
      const h = handle;
      handle = undefined;
      await h.close();
      await this.#fs.rename(temp, path);
    } catch (e) {
      if (handle !== undefined) await quietly(() => handle!.close());
      await quietly(() => this.#fs.unlink(temp));
      this.#writeFailures++;
      // A full disk turns writes off at any step; EACCES/EPERM from a later step (Windows refuses
      // to rename onto a file a reader holds open) fails this put only.
      const code = codeOf(e);
      if (FULL_CODES.has(code)) this.#reason = this.#describe(code);
      return false;
    }
    this.#writes++;
    await this.#syncDir();
    await this.#scanAndEvict(key);
    return true;
  }

  /** A snapshot of the counters and the last known size of the engine directory. */
  stats(): DiskCacheStats {
    const discarded = Object.values(this.#discardedBy).reduce((a, b) => a + b, 0);
    return {
      enabled: this.#reason === undefined,
      ...(this.#reason !== undefined ? { reason: this.#reason } : {}),
      dir: this.#dir,
      engine: this.#engine,
      entries: this.#entries,
      bytes: this.#bytes,
      maxBytes: this.#maxBytes,
      hits: this.#hits,
      misses: this.#misses,
      discarded,
      discardedBy: { ...this.#discardedBy },
      evictions: this.#evictions,
      writes: this.#writes,
      writeFailures: this.#writeFailures,
    };
  }

  /**
   * One line for status output.
   *
   * @example
   * cache.statusLine(); // 'disk cache: /home/me/.cache/shimkit/executors (engine 1a2b3c4d…): 3 entries, 20.1 MiB of 512 MiB; 5 hits, 1 miss'
   * // when writes are off: 'disk cache: off — /ro is read-only (EROFS); reads only: 0 hits, 2 misses'
   */
  statusLine(): string {
    const s = this.stats();
    const calls = `${plural(s.hits, 'hit', 'hits')}, ${plural(s.misses, 'miss', 'misses')}`;
    const extra = [s.discarded > 0 ? `${s.discarded} discarded` : '', s.evictions > 0 ? plural(s.evictions, 'eviction', 'evictions') : '', s.writeFailures > 0 ? plural(s.writeFailures, 'failed write', 'failed writes') : '']
      .filter((x) => x !== '')
      .join(', ');
    const tail = extra === '' ? calls : `${calls}; ${extra}`;
    if (s.reason !== undefined) return `disk cache: off — ${s.reason}; reads only: ${tail}`;
    return `disk cache: ${s.dir} (engine ${s.engine.slice(0, 8)}…): ${plural(s.entries, 'entry', 'entries')}, ${formatBytes(s.bytes)} of ${formatBytes(s.maxBytes)}; ${tail}`;
  }

  /** Re-reads the engine directory's entry count and size (another process may have changed it). */
  async refresh(): Promise<DiskCacheStats> {
    this.#scanned = this.#scan();
    await this.#scanned;
    return this.stats();
  }

  /**
   * Deletes every entry of this engine (and stale temp files; a live write of another process is
   * left alone). Counters are kept. Never rejects for file-system trouble (an entry that cannot be
   * deleted stays, and `stats().entries` counts it).
   */
  async clear(): Promise<void> {
    const listed = await this.#list();
    for (const e of listed.entries) await quietly(() => this.#fs.unlink(e.path));
    await this.#scan();
  }

  #describe(code: string): string {
    return FULL_CODES.has(code) ? `${this.#dir} is full (${code})` : `${this.#dir} is read-only (${code})`;
  }

  /**
   * The header and the body of the file at `path`, each in a buffer of its own (a short file gives
   * a short header and an empty body); `undefined` when the file exceeds `maxBytes`.
   */
  async #readFile(path: string): Promise<{ header: Uint8Array; body: Uint8Array; identity: DiskCacheStat } | undefined> {
    const handle = await this.#fs.open(path, 'r');
    try {
      const identity = await handle.stat();
      if (identity.size > this.#maxBytes) return undefined;
      const header = await readExactly(handle, Math.min(identity.size, ENTRY_HEADER_BYTES), 0);
      const body = await readExactly(handle, Math.max(0, identity.size - ENTRY_HEADER_BYTES), ENTRY_HEADER_BYTES);
      return { header, body, identity };
    } finally {
      await quietly(() => handle.close());
    }
  }

  /** Deletes the bad file at `path` unless it is no longer the file that was read (a writer renamed a fresh entry onto it). */
  async #discard(path: string, read: DiskCacheStat): Promise<void> {
    await quietly(async () => {
      const now = await this.#fs.stat(path);
      if (now.ino === read.ino && now.dev === read.dev) await this.#fs.unlink(path);
    });
    await this.#scan();
  }

  async #syncDir(): Promise<void> {
    await quietly(async () => {
      const dir = await this.#fs.open(this.#engineDir, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
    });
  }

  #firstScan(): Promise<void> {
    this.#scanned ??= this.#scan();
    return this.#scanned;
  }

  /** The engine directory's entries; deletes stale temp files on the way. Empty when unreadable. */
  async #list(): Promise<{ entries: Scanned[] }> {
    let names: string[];
    try {
      names = await this.#fs.readdir(this.#engineDir);
    } catch {
      return { entries: [] };
    }
    const entries: Scanned[] = [];
    const now = Date.now();
    for (const name of names) {
      const path = join(this.#engineDir, name);
      const m = ENTRY_NAME.exec(name);
      if (m === null && !name.startsWith(TEMP_PREFIX)) continue;
      let st: DiskCacheStat;
      try {
        st = await this.#fs.stat(path);
      } catch {
        continue; // deleted meanwhile (another process's eviction or rename)
      }
      if (m !== null) entries.push({ key: m[1]!, path, size: st.size, mtimeMs: st.mtimeMs });
      else if (now - st.mtimeMs > STALE_TEMP_MS) await quietly(() => this.#fs.unlink(path));
    }
    return { entries };
  }

  async #scan(): Promise<void> {
    const { entries } = await this.#list();
    this.#entries = entries.length;
    this.#bytes = entries.reduce((a, e) => a + e.size, 0);
  }

  /** After a put of `kept`: deletes the least recently used entries (never `kept`) until the directory fits `maxBytes`. */
  async #scanAndEvict(kept: string): Promise<void> {
    const { entries } = await this.#list();
    let bytes = entries.reduce((a, e) => a + e.size, 0);
    let count = entries.length;
    if (bytes > this.#maxBytes) {
      const oldestFirst = entries.filter((e) => e.key !== kept).sort((a, b) => a.mtimeMs - b.mtimeMs || (a.key < b.key ? -1 : 1));
      for (const e of oldestFirst) {
        if (bytes <= this.#maxBytes) break;
        try {
          await this.#fs.unlink(e.path);
          this.#evictions++;
        } catch (err) {
          if (codeOf(err) !== 'ENOENT') continue; // could not delete: it still counts
        }
        bytes -= e.size;
        count--;
      }
    }
    this.#entries = count;
    this.#bytes = bytes;
  }
}

function checkKey(key: string): string {
  if (typeof key !== 'string' || !KEY_HEX.test(key)) throw new ExecutorError('ERR_INVALID_CACHE_KEY', `a cache key must be 64 lowercase hex characters (cacheKey(...)), got ${typeof key === 'string' ? JSON.stringify(key.slice(0, 80)) : typeof key}`);
  return key;
}

async function writeAll(handle: DiskCacheFileHandle, bytes: Uint8Array): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
    if (bytesWritten <= 0) throw Object.assign(new Error('write made no progress'), { code: 'EIO' });
    done += bytesWritten;
  }
}

/** `length` bytes from `position` into a new buffer; fewer when the file ends first (it shrank). */
async function readExactly(handle: DiskCacheFileHandle, length: number, position: number): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await handle.read(out, done, length - done, position + done);
    if (bytesRead === 0) return out.slice(0, done);
    done += bytesRead;
  }
  return out;
}

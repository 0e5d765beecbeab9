/**
 * The in-process compiled-module cache: an LRU of compiled `WebAssembly.Module`s (with what the
 * executor derived from the bytes before compiling), keyed the way wasmtime's `crates/cache` keys
 * its artifacts — a hash of the bytes together with the compile environment — rather than by
 * object identity or by the bytes alone (wasmer's `FileSystemCache` ignored the engine, wasmer#272):
 *
 *   key = hex(SHA-256(bytes)) + "\0" + engine id + "\0" + variant
 *
 * where the variant names every option that changes the artifact (for our executors: the memory
 * cap written into the module's memory section). SHA-256 is @noble/hashes' (FIPS 180-4).
 *
 * Hashing a 9.6 MB module costs milliseconds, so the digest is memoised per `Uint8Array` object
 * (a `WeakMap`). That is only sound when the bytes behind that object never change:
 * `defineFunction` copies the payload it is given, so a registration's payload is owned by the
 * registration and the caller's later writes to its own array cannot reach it (see `function.ts`).
 * Pass a fresh array (or `{ memoise: false }`) for bytes you mean to change in place.
 *
 * Concurrent misses for one key share one build (the promise is stored); a failed build is
 * forgotten, so the next call tries again. Bounded by entries and by bytes (the module bytes: V8
 * does not expose a compiled module's code size); the least recently used entry goes first.
 *
 * Platform-free: no `node:` import; usable in every bundle.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ExecutorError } from '../errors.js';
import { checkOptionKeys } from '../options.js';

/** What the cache holds for one key: a compiled module and what was derived with it. */
export interface CachedModule {
  /** The compiled module (shared with worker threads by `postMessage`, never recompiled there). */
  readonly module: WebAssembly.Module;
  /** Pages of the imported memory's bounds, when the module imports its memory. */
  readonly importedMemory?: { readonly initial: number; readonly maximum: number } | undefined;
}

/** Options of a `ModuleCache`. */
export interface ModuleCacheOptions {
  /** Engine id, part of every key (default `'default'`); entries of another engine are never returned. */
  readonly engineId?: string;
  /** Most entries kept (default 64). */
  readonly maxEntries?: number;
  /** Most module bytes kept, summed over entries (default 512 MiB). A single larger module is compiled but not kept. */
  readonly maxBytes?: number;
}

/** Counters of a `ModuleCache` (since it was made or last cleared). */
export interface ModuleCacheStats {
  /** Lookups answered from the cache (including ones that joined a build in progress). */
  readonly hits: number;
  /** Lookups that started a build. */
  readonly misses: number;
  /** Entries dropped to stay within the bounds. */
  readonly evictions: number;
  /** Entries held now (builds in progress included). */
  readonly entries: number;
  /** Module bytes held now. */
  readonly bytes: number;
}

interface Entry {
  readonly promise: Promise<CachedModule>;
  readonly bytes: number;
}

const digests = new WeakMap<Uint8Array, string>();

/**
 * Hex SHA-256 of `bytes`, memoised per array object.
 * @param memoise - false to hash again (bytes that may have changed in place).
 * @example moduleDigest(new TextEncoder().encode('abc')) // 'ba7816bf…f20015ad'
 */
export function moduleDigest(bytes: Uint8Array, memoise = true): string {
  if (memoise) {
    const d = digests.get(bytes);
    if (d !== undefined) return d;
  }
  const d = bytesToHex(sha256(bytes));
  if (memoise) digests.set(bytes, d);
  return d;
}

function bound(name: string, v: number | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (!(typeof v === 'number' && Number.isInteger(v) && v >= 0)) {
    throw new ExecutorError('ERR_INVALID_OPTIONS', `${name} must be a non-negative integer, got ${String(v)}`);
  }
  return v;
}

/**
 * An LRU of compiled modules keyed by SHA-256(bytes) + engine id + variant.
 *
 * @throws ExecutorError `ERR_INVALID_OPTIONS` (constructor) for a bound that is not a non-negative integer or an engine id that is not a string.
 * @example
 * const cache = new ModuleCache({ maxEntries: 16 });
 * const { module } = await cache.get(bytes, 'cap=65536', async () => ({ module: await WebAssembly.compile(bytes) }));
 * cache.stats(); // { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: bytes.length }
 */
export class ModuleCache {
  /** The engine id in every key. */
  readonly engineId: string;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;
  #hits = 0;
  #misses = 0;
  #evictions = 0;

  constructor(options: ModuleCacheOptions = {}) {
    checkOptionKeys('ModuleCache options', options, ['engineId', 'maxEntries', 'maxBytes']);
    if (options.engineId !== undefined && typeof options.engineId !== 'string') {
      throw new ExecutorError('ERR_INVALID_OPTIONS', `engineId must be a string, got ${typeof options.engineId}`);
    }
    this.engineId = options.engineId ?? 'default';
    this.#maxEntries = bound('maxEntries', options.maxEntries, 64);
    this.#maxBytes = bound('maxBytes', options.maxBytes, 512 * 2 ** 20);
  }

  /** The key of `bytes` built with `variant` on this cache's engine. */
  key(bytes: Uint8Array, variant: string, memoise = true): string {
    return `${moduleDigest(bytes, memoise)}\0${this.engineId}\0${variant}`;
  }

  /**
   * The cached module for `bytes` + `variant`, or the result of `build()` (then kept).
   * Concurrent calls for one key share one `build()`. A rejected build is not kept and its error is
   * passed on to every caller that waited for it.
   * @param variant - every option that changes the artifact, as a string (e.g. `cap=268435456`).
   * @param build - compiles `bytes` for `variant`; called at most once per key while the entry lives.
   * @param options.memoise - false when `bytes` may change in place (hash every time).
   */
  get(bytes: Uint8Array, variant: string, build: () => CachedModule | Promise<CachedModule>, options: { memoise?: boolean } = {}): Promise<CachedModule> {
    const key = this.key(bytes, variant, options.memoise ?? true);
    const hit = this.#entries.get(key);
    if (hit !== undefined) {
      this.#hits++;
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit.promise;
    }
    this.#misses++;
    const promise = Promise.resolve().then(build);
    const size = bytes.length;
    if (size > this.#maxBytes || this.#maxEntries === 0) return promise;
    const entry: Entry = { promise, bytes: size };
    this.#entries.set(key, entry);
    this.#bytes += size;
    promise.catch(() => {
      if (this.#entries.get(key) === entry) {
        this.#entries.delete(key);
        this.#bytes -= size;
      }
    });
    this.#evict();
    return promise;
  }

  /** True when an entry (or a build in progress) for `bytes` + `variant` is held. Does not count as a use. */
  has(bytes: Uint8Array, variant: string): boolean {
    return this.#entries.has(this.key(bytes, variant));
  }

  /** Counters and sizes. */
  stats(): ModuleCacheStats {
    return { hits: this.#hits, misses: this.#misses, evictions: this.#evictions, entries: this.#entries.size, bytes: this.#bytes };
  }

  /** Drops every entry and resets the counters. */
  clear(): void {
    this.#entries.clear();
    this.#bytes = 0;
    this.#hits = 0;
    this.#misses = 0;
    this.#evictions = 0;
  }

  #evict(): void {
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const [oldest, e] = this.#entries.entries().next().value!;
      this.#entries.delete(oldest);
      this.#bytes -= e.bytes;
      this.#evictions++;
    }
  }
}

let shared: ModuleCache | undefined;

/**
 * The process-wide cache the executors use unless given their own (made on first use with the
 * default bounds).
 * @example sharedModuleCache().stats().hits
 */
export function sharedModuleCache(): ModuleCache {
  shared ??= new ModuleCache();
  return shared;
}

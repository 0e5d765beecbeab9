/**
 * Parent side of the python executor's start-up cache: Pyodide memory snapshots of a
 * pre-initialised interpreter and V8's code cache of `pyodide.asm.js`, kept once per process
 * (shared with every worker through one SharedArrayBuffer, never re-read per worker) and, when a
 * store is given, on disk across processes.
 *
 * - The first interpreter of a process with nothing stored loads cold with Pyodide's
 *   `_makeSnapshot` and sends its snapshot back (taken after our setup — `SETUP` in `driver.ts` —
 *   and before anything that belongs to one worker or one call: streams, the interrupt buffer, the
 *   runner, the sealing of the worker's JavaScript side). The parent keeps it and stores it.
 * - Later interpreters start from the snapshot (`_loadSnapshot`); a new process reads it from the
 *   store, which verifies it (a corrupt entry is a miss: the executor loads cold and remakes it).
 * - A restore that fails for any reason other than the memory cap drops the snapshot for this
 *   process and loads cold (Pyodide itself refuses a snapshot of another build: `BUILD_ID`).
 *
 * Keys (SHA-256, 64 lowercase hex) cover everything the stored bytes depend on: Pyodide's version
 * and build id, the sizes of its wasm, glue and standard library, the driver and setup sources,
 * the random and clock sources (a snapshot made under a seeded test generator never serves the
 * default sources), and the format. The store's engine id adds Node, V8 and the executors'
 * version.
 */

import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { cacheKey, DiskCache, defaultCacheDir, engineId, nodeEngineParts } from '../cache/disk-cache.js';
import { ASM_WRAPPER_VERSION } from './asm-script.js';
import { DRIVER, SETUP } from './driver.js';
import type { PythonBoot, PythonReady } from './protocol.js';

/** Where snapshots and code caches are kept across processes (`DiskCache` from `@shimkit/executors/cache` satisfies it). */
export interface SnapshotStore {
  /** The entry under `key` (64 lowercase hex), or undefined (absent, corrupt, other engine). */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `key`; false (never throws) when the store is disabled or the write failed. */
  put(key: string, bytes: Uint8Array): Promise<boolean>;
  /** The store's counters, if it keeps any (shown in the executor's status). */
  stats?(): object;
  /** One line on the store's state, if it has one. */
  statusLine?(): string;
}

/** Where this process's interpreter snapshot came from. */
export type SnapshotOrigin = 'off' | 'not yet' | 'loaded from disk' | 'made this process' | 'dropped';

/** Where this process's code cache of `pyodide.asm.js` came from. */
export type CodeCacheOrigin = 'off' | 'not yet' | 'loaded from disk' | 'made this process' | 'rejected by V8';

/** The python executor's start-up state (`PythonExecutor.status()`; plain data, so a type and not an interface: it is also a `registry.status()` record). */
export type PythonStartStatus = {
  readonly snapshot: SnapshotOrigin;
  /** Size of the snapshot in use, in bytes (0: none). */
  readonly snapshotBytes: number;
  readonly codeCache: CodeCacheOrigin;
  /** Interpreters started from the snapshot, loaded cold, and restores that failed (then loaded cold). */
  readonly interpreters: { readonly restored: number; readonly cold: number; readonly failedRestores: number };
  /** Load times in ms (boot message to ready, in the worker): the first interpreter of the process, the last restored, the last cold. */
  readonly startMs: { readonly first?: number; readonly lastRestored?: number; readonly lastCold?: number };
  /** Writes to the store: done, refused or failed. */
  readonly stored: { readonly ok: number; readonly failed: number };
  /** The store's own counters (`DiskCache.stats()`), or undefined without a store. */
  readonly disk?: object;
  /** Why something is not cached, one line each (e.g. the store's `statusLine()` when it is disabled). */
  readonly notes: readonly string[];
};

/** Options of the snapshot manager. */
export interface SnapshotOptions {
  /** Make and use snapshots at all (false: every interpreter loads cold). */
  readonly enabled: boolean;
  /** Where they persist across processes; undefined: this process only. */
  readonly store?: SnapshotStore;
  /** The interpreters' random and clock sources module, or undefined for the defaults. */
  readonly sources?: string;
}

const FORMAT = 'shimkit python snapshot v1';
const require = createRequire(import.meta.url);

/** The installed pyodide package's files and identity. */
export interface PyodideFiles {
  readonly dir: string;
  readonly version: string;
  /** Pyodide's BUILD_ID (a hash of its wasm and glue), read from `pyodide.mjs`; '' if not found. */
  readonly buildId: string;
  readonly asmJsPath: string;
  readonly sizes: { readonly wasm: number; readonly asmJs: number; readonly stdlib: number };
}

let files: PyodideFiles | undefined;
/** Describes the installed pyodide package (cached). */
export function pyodideFiles(): PyodideFiles {
  if (files !== undefined) return files;
  const dir = dirname(require.resolve('pyodide/package.json'));
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
  const buildId = /BUILD_ID:"([0-9a-f]{64})"/u.exec(readFileSync(join(dir, 'pyodide.mjs'), 'utf8'))?.[1] ?? '';
  const size = (name: string) => statSync(join(dir, name)).size;
  files = { dir, version, buildId, asmJsPath: join(dir, 'pyodide.asm.js'), sizes: { wasm: size('pyodide.asm.wasm'), asmJs: size('pyodide.asm.js'), stdlib: size('python_stdlib.zip') } };
  return files;
}

/**
 * The engine id of the python executor's entries: Node, V8, the executors' version and the store
 * format (`nodeEngineParts`), with Pyodide's version and build id.
 * @example new DiskCache({ dir, engine: pythonCacheEngine() })
 */
export function pythonCacheEngine(): string {
  const f = pyodideFiles();
  return engineId({ ...nodeEngineParts(), kind: 'python-start', pyodide: f.version, pyodideBuild: f.buildId });
}

/**
 * The default store: a `DiskCache` at `defaultCacheDir()` (`$SHIMKIT_CACHE_DIR`, else the XDG
 * cache directory) under `pythonCacheEngine()`.
 * @example pythonExecutor({ cache: defaultPythonCache() })
 */
export function defaultPythonCache(): DiskCache {
  return new DiskCache({ dir: defaultCacheDir(), engine: pythonCacheEngine() });
}

/**
 * The store key of the interpreter snapshot for these sources.
 * @example snapshotKey(undefined) // 64 hex digits
 */
export function snapshotKey(sources: string | undefined): string {
  const f = pyodideFiles();
  return cacheKey(FORMAT, f.version, f.buildId, String(f.sizes.wasm), String(f.sizes.asmJs), String(f.sizes.stdlib), DRIVER, SETUP, sources ?? 'default sources');
}

/** The store key of V8's code cache of `pyodide.asm.js` (V8 verifies its own version and the source too). */
export function codeCacheKey(): string {
  const f = pyodideFiles();
  return cacheKey('shimkit pyodide.asm.js code cache', String(ASM_WRAPPER_VERSION), f.version, f.buildId, String(f.sizes.asmJs), process.versions.v8);
}

/** Copies bytes into memory every worker can read without a copy of its own. */
function shareable(bytes: Uint8Array): Uint8Array {
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  shared.set(bytes);
  return shared;
}

/** One executor's snapshots and code cache. */
export class InterpreterSnapshots {
  readonly #options: SnapshotOptions;
  #lookup: Promise<void> | undefined;
  #snapshot: Uint8Array | undefined;
  #codeCache: Uint8Array | undefined;
  #snapshotOrigin: SnapshotOrigin;
  #codeCacheOrigin: CodeCacheOrigin;
  #making = false;
  #makingCode = false;
  readonly #counts = { restored: 0, cold: 0, failedRestores: 0 };
  readonly #startMs: { first?: number; lastRestored?: number; lastCold?: number } = {};
  readonly #stored = { ok: 0, failed: 0 };
  readonly #writes = new Set<Promise<void>>();
  /** Writes wait for `startWrites()` (after a call: hashing 20 MB must not delay the call's result). */
  readonly #queued: Array<[string, Uint8Array]> = [];
  readonly #notes = new Set<string>();

  constructor(options: SnapshotOptions) {
    this.#options = options;
    this.#snapshotOrigin = options.enabled ? 'not yet' : 'off';
    this.#codeCacheOrigin = options.enabled ? 'not yet' : 'off';
  }

  /** Reads the store once (snapshot and code cache in parallel). */
  #load(): Promise<void> {
    this.#lookup ??= (async () => {
      const store = this.#options.store;
      if (!this.#options.enabled || store === undefined) return;
      const [snapshot, code] = await Promise.all([store.get(snapshotKey(this.#options.sources)).catch(() => undefined), store.get(codeCacheKey()).catch(() => undefined)]);
      if (snapshot !== undefined && this.#snapshot === undefined) {
        this.#snapshot = shareable(snapshot);
        this.#snapshotOrigin = 'loaded from disk';
      }
      if (code !== undefined && this.#codeCache === undefined) {
        this.#codeCache = shareable(code);
        this.#codeCacheOrigin = 'loaded from disk';
      }
    })();
    return this.#lookup;
  }

  /** What the next worker starts from (resolves once the store was read). */
  async boot(): Promise<PythonBoot> {
    if (!this.#options.enabled) return { makeSnapshot: false, makeCodeCache: false };
    await this.#load();
    const makeSnapshot = this.#snapshot === undefined && this.#snapshotOrigin !== 'dropped' && !this.#making;
    const makeCodeCache = this.#codeCache === undefined && !this.#makingCode;
    if (makeSnapshot) this.#making = true;
    if (makeCodeCache) this.#makingCode = true;
    return { ...(this.#snapshot === undefined ? {} : { snapshot: this.#snapshot }), makeSnapshot, ...(this.#codeCache === undefined ? {} : { codeCache: this.#codeCache }), makeCodeCache };
  }

  /** A worker is loaded: keep and store what it made, count how it started. */
  ready(boot: PythonBoot, report: PythonReady): void {
    if (boot.makeSnapshot) this.#making = false;
    if (boot.makeCodeCache) this.#makingCode = false;
    this.#startMs.first ??= report.loadMs;
    if (report.start === 'restored') {
      this.#counts.restored++;
      this.#startMs.lastRestored = report.loadMs;
    } else {
      this.#counts.cold++;
      this.#startMs.lastCold = report.loadMs;
    }
    if (report.codeCacheRejected && this.#codeCache === boot.codeCache) {
      this.#codeCache = undefined;
      this.#codeCacheOrigin = 'rejected by V8';
      this.#notes.add('V8 rejected the stored code cache of pyodide.asm.js; it was rebuilt');
    }
    if (report.snapshot !== undefined && this.#snapshot === undefined && this.#snapshotOrigin !== 'dropped') {
      this.#snapshot = shareable(report.snapshot);
      this.#snapshotOrigin = 'made this process';
      this.#persist(snapshotKey(this.#options.sources), report.snapshot);
    }
    if (report.codeCache !== undefined && this.#codeCache === undefined) {
      this.#codeCache = shareable(report.codeCache);
      this.#codeCacheOrigin = 'made this process';
      this.#persist(codeCacheKey(), report.codeCache);
    }
  }

  /** A worker did not load (for any reason, including its termination): whatever it was to make, another may make. */
  settle(boot: PythonBoot): void {
    if (boot.makeSnapshot) this.#making = false;
    if (boot.makeCodeCache) this.#makingCode = false;
  }

  /**
   * A worker failed to load for a reason of its own (not the memory cap, not a stop): if it was
   * restoring, the snapshot is dropped for this process (the next worker loads cold). Returns
   * whether it was a restore.
   */
  failed(boot: PythonBoot, message: string): boolean {
    this.settle(boot);
    if (boot.snapshot === undefined || boot.snapshot !== this.#snapshot) return false;
    this.#counts.failedRestores++;
    this.#snapshot = undefined;
    this.#snapshotOrigin = 'dropped';
    this.#notes.add(`a restore from the snapshot failed (${message.split('\n')[0]}); this process loads interpreters cold`);
    return true;
  }

  #persist(key: string, bytes: Uint8Array): void {
    if (this.#options.store !== undefined) this.#queued.push([key, bytes]);
  }

  /** Starts the queued writes to the store (the executor calls it once a call is over). */
  startWrites(): void {
    const store = this.#options.store;
    if (store === undefined) return;
    for (const [key, bytes] of this.#queued.splice(0)) this.#write(store, key, bytes);
  }

  #write(store: SnapshotStore, key: string, bytes: Uint8Array): void {
    const write: Promise<void> = store
      .put(key, bytes)
      .catch(() => false)
      .then((ok) => {
        if (ok) this.#stored.ok++;
        else this.#stored.failed++;
        this.#writes.delete(write);
      });
    this.#writes.add(write);
  }

  /** Resolves when every store write started so far has finished. */
  async flushed(): Promise<void> {
    this.startWrites();
    while (this.#writes.size > 0) await Promise.all([...this.#writes]);
  }

  status(): PythonStartStatus {
    const store = this.#options.store;
    const notes = [...this.#notes];
    if (!this.#options.enabled) notes.push('interpreter snapshots are off: every interpreter loads cold');
    else if (store === undefined) notes.push('no store: snapshots are kept for this process only');
    const disk = store?.stats?.() as { enabled?: boolean } | undefined;
    if (disk?.enabled === false && store?.statusLine !== undefined) notes.push(store.statusLine());
    return {
      snapshot: this.#snapshotOrigin,
      snapshotBytes: this.#snapshot?.byteLength ?? 0,
      codeCache: this.#codeCacheOrigin,
      interpreters: { ...this.#counts },
      startMs: { ...this.#startMs },
      stored: { ...this.#stored },
      ...(disk === undefined ? {} : { disk }),
      notes,
    };
  }
}

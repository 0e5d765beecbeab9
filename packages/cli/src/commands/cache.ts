/**
 * `shimkit cache [--json]` and `shimkit cache clear`: the executors' on-disk cache
 * (`@shimkit/executors/cache`) under `defaultCacheDir()` — `$SHIMKIT_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/shimkit/executors`, else `~/.cache/shimkit/executors`.
 *
 * The cache holds one directory per engine id (32 hex characters: Node, V8, executors and
 * interpreter versions, the options that change an artifact); an entry is only ever loaded by the
 * engine that wrote it, so directories of other engines (an older Node, an older Pyodide) are dead
 * weight until cleared. `cache` lists every engine directory with its entries and bytes and marks
 * the one this process's python executor uses; `cache clear` deletes the entries (and stale temp
 * files) of every engine directory through `DiskCache.clear()` — it deletes nothing else, so a
 * `SHIMKIT_CACHE_DIR` pointed at a directory with other files keeps them.
 */

import { readdir } from 'node:fs/promises';
import { DiskCache, defaultCacheDir } from '@shimkit/executors/cache';
import { table } from '../table.js';

/** One engine directory. */
export interface CacheEngineReport {
  /** The engine id (the directory's name). */
  readonly engine: string;
  /** Entries and their bytes, headers included. */
  readonly entries: number;
  readonly bytes: number;
  /** What uses this engine in this process (e.g. `python snapshots`), or absent for another engine's. */
  readonly usedBy?: string;
}

/** What `cache --json` prints. */
export interface CacheReport {
  /** The cache's root directory (absolute). */
  readonly dir: string;
  readonly engines: readonly CacheEngineReport[];
}

const ENGINE_DIR = /^[0-9a-f]{32}$/;

/** Engine ids of this process, by what uses them (empty when none can be computed). */
async function currentEngines(): Promise<Map<string, string>> {
  const uses = new Map<string, string>();
  const python = await import('@shimkit/executors/python');
  uses.set(python.pythonCacheEngine(), 'python snapshots (this Node, V8 and Pyodide)');
  return uses;
}

async function engineCaches(dir: string): Promise<DiskCache[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw e;
  }
  return names.filter((n) => ENGINE_DIR.test(n)).sort().map((engine) => new DiskCache({ dir, engine }));
}

/** Scans the cache directory. */
export async function readCache(dir: string = defaultCacheDir()): Promise<CacheReport> {
  const uses = await currentEngines();
  const engines: CacheEngineReport[] = [];
  for (const cache of await engineCaches(dir)) {
    const s = await cache.refresh();
    const usedBy = uses.get(s.engine);
    engines.push({ engine: s.engine, entries: s.entries, bytes: s.bytes, ...(usedBy === undefined ? {} : { usedBy }) });
  }
  return { dir, engines };
}

/** Deletes every engine directory's entries; returns what was there before. */
export async function clearCache(dir: string = defaultCacheDir()): Promise<CacheReport> {
  const before = await readCache(dir);
  for (const cache of await engineCaches(dir)) await cache.clear();
  return before;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

/** The report as text. */
export function formatCache(r: CacheReport): string {
  const total = r.engines.reduce((n, e) => n + e.bytes, 0);
  const entries = r.engines.reduce((n, e) => n + e.entries, 0);
  const head = `cache dir    ${r.dir}\ntotal        ${entries} ${entries === 1 ? 'entry' : 'entries'}, ${mib(total)} in ${r.engines.length} engine ${r.engines.length === 1 ? 'directory' : 'directories'}\n`;
  if (r.engines.length === 0) return head;
  const rows = r.engines.map((e) => [e.engine, String(e.entries), mib(e.bytes), e.usedBy ?? 'another engine (never loaded here)']);
  return `${head}\n${table(['engine', 'entries', 'size', 'used by'], rows)}\n`;
}

/** The line `cache clear` prints. */
export function formatCleared(r: CacheReport): string {
  const entries = r.engines.reduce((n, e) => n + e.entries, 0);
  const bytes = r.engines.reduce((n, e) => n + e.bytes, 0);
  return `cleared ${entries} ${entries === 1 ? 'entry' : 'entries'} (${mib(bytes)}) from ${r.dir}\n`;
}

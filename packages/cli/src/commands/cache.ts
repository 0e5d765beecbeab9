/**
 * `shimkit cache [--json]` and `shimkit cache clear`: the executors' on-disk cache
 * (`@shimkit/executors/cache`) under `defaultCacheDir()` — `$SHIMKIT_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/shimkit/executors`, else `~/.cache/shimkit/executors`.
 *
 * The cache holds one directory per engine id (32 hex characters: Node, V8, executors and
 * interpreter versions, the options that change an artifact); an entry is only ever loaded by the
 * engine that wrote it, so directories of other engines (an older Node, an older Pyodide) are dead
 * weight until cleared. `cache` lists every engine directory with its entries and bytes and marks
 * the one this process's python executor uses, and the temp files of unfinished writes (a writer
 * killed mid-write leaves its `.tmp-*` file; the store deletes those after 10 minutes). `cache
 * clear` deletes the entries of every engine directory through `DiskCache.clear()`, then every
 * temp file (an explicit clear: a concurrent writer's put then fails, and nothing is half-read) —
 * nothing else, so a `SHIMKIT_CACHE_DIR` pointed at a directory with other files keeps them. It
 * re-reads the directory afterwards and fails (exit code 16) when anything it should have
 * deleted is still there, naming the reason; a directory that cannot be read fails the same way.
 */

import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { DiskCache, defaultCacheDir } from '@shimkit/executors/cache';
import { CliError } from '../exit-codes.js';
import { table } from '../table.js';

/** One engine directory. */
export interface CacheEngineReport {
  /** The engine id (the directory's name). */
  readonly engine: string;
  /** Entries and their bytes, headers included. */
  readonly entries: number;
  readonly bytes: number;
  /** Temp files of writes in flight or of writers that died mid-write, and their bytes. */
  readonly tempFiles: number;
  readonly tempBytes: number;
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
const TEMP_FILE = /^\.tmp-/;

/** Engine ids of this process, by what uses them. */
async function currentEngines(): Promise<Map<string, string>> {
  const python = await import('@shimkit/executors/python');
  return new Map([[python.pythonCacheEngine(), 'python snapshots (this Node, V8 and Pyodide)']]);
}

function unusable(dir: string, e: unknown): CliError {
  const code = (e as { code?: string }).code ?? 'EUNKNOWN';
  const why = code === 'ENOTDIR' ? 'is not a directory' : code === 'EACCES' || code === 'EPERM' ? 'cannot be read or changed (permission denied)' : `cannot be used (${(e as Error).message})`;
  return new CliError('cache', `cache directory ${dir} ${why} [${code}]; set SHIMKIT_CACHE_DIR to another directory`, { cause: e });
}

async function names(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (e) {
    if ((e as { code?: string }).code === 'ENOENT') return [];
    throw unusable(dir, e);
  }
}

async function temps(engineDir: string): Promise<{ path: string; size: number }[]> {
  const out: { path: string; size: number }[] = [];
  for (const name of (await names(engineDir)).filter((n) => TEMP_FILE.test(n))) {
    const path = join(engineDir, name);
    const info = await stat(path).catch(() => undefined);
    if (info?.isFile() === true) out.push({ path, size: info.size });
  }
  return out;
}

async function engineCaches(dir: string): Promise<DiskCache[]> {
  const engines: DiskCache[] = [];
  for (const name of (await names(dir)).filter((n) => ENGINE_DIR.test(n)).sort()) {
    const info = await stat(join(dir, name)).catch(() => undefined);
    if (info?.isDirectory() === true) engines.push(new DiskCache({ dir, engine: name }));
  }
  return engines;
}

/**
 * Scans the cache directory.
 * @throws CliError kind 'cache' when the directory (or an engine directory) is not a directory or cannot be read.
 */
export async function readCache(dir: string = defaultCacheDir()): Promise<CacheReport> {
  const uses = await currentEngines();
  const engines: CacheEngineReport[] = [];
  for (const cache of await engineCaches(dir)) {
    const t = await temps(cache.engineDir);
    const s = await cache.refresh();
    const usedBy = uses.get(s.engine);
    engines.push({
      engine: s.engine,
      entries: s.entries,
      bytes: s.bytes,
      tempFiles: t.length,
      tempBytes: t.reduce((n, f) => n + f.size, 0),
      ...(usedBy === undefined ? {} : { usedBy }),
    });
  }
  return { dir, engines };
}

/**
 * Deletes every engine directory's entries and temp files; returns what was there before.
 * @throws CliError kind 'cache' when the directory cannot be read, or anything to delete is still there afterwards (with the first error's code).
 */
export async function clearCache(dir: string = defaultCacheDir()): Promise<CacheReport> {
  const before = await readCache(dir);
  let failure: unknown;
  for (const cache of await engineCaches(dir)) {
    await cache.clear();
    for (const t of await temps(cache.engineDir)) await unlink(t.path).catch((e: unknown) => void (failure ??= e));
  }
  const after = await readCache(dir);
  const left = after.engines.reduce((n, e) => n + e.entries + e.tempFiles, 0);
  if (left > 0) {
    if (failure === undefined) {
      // DiskCache.clear() does not throw: try one of the remaining entries to learn why.
      for (const cache of await engineCaches(dir)) {
        const entry = (await names(cache.engineDir)).find((n) => n.endsWith('.entry'));
        if (entry !== undefined) {
          await unlink(join(cache.engineDir, entry)).catch((e: unknown) => void (failure ??= e));
          break;
        }
      }
    }
    const code = (failure as { code?: string } | undefined)?.code ?? 'EUNKNOWN';
    throw new CliError('cache', `could not clear ${dir}: ${left} ${left === 1 ? 'file is' : 'files are'} still there (${code}${code === 'EACCES' || code === 'EPERM' ? ': permission denied' : ''})`, { cause: failure });
  }
  return before;
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The report as text. */
export function formatCache(r: CacheReport): string {
  const total = r.engines.reduce((n, e) => n + e.bytes, 0);
  const entries = r.engines.reduce((n, e) => n + e.entries, 0);
  const tempFiles = r.engines.reduce((n, e) => n + e.tempFiles, 0);
  const tempBytes = r.engines.reduce((n, e) => n + e.tempBytes, 0);
  const temp = tempFiles === 0 ? '' : `; ${plural(tempFiles, 'temp file', 'temp files')} (${mib(tempBytes)}) of unfinished writes`;
  const head = `cache dir    ${r.dir}\ntotal        ${plural(entries, 'entry', 'entries')}, ${mib(total)} in ${plural(r.engines.length, 'engine directory', 'engine directories')}${temp}\n`;
  if (r.engines.length === 0) return head;
  const rows = r.engines.map((e) => [e.engine, String(e.entries), mib(e.bytes), String(e.tempFiles), e.usedBy ?? 'another engine (never loaded here)']);
  return `${head}\n${table(['engine', 'entries', 'size', 'temp', 'used by'], rows)}\n`;
}

/** The line `cache clear` prints. */
export function formatCleared(r: CacheReport): string {
  const entries = r.engines.reduce((n, e) => n + e.entries, 0);
  const bytes = r.engines.reduce((n, e) => n + e.bytes, 0);
  const tempFiles = r.engines.reduce((n, e) => n + e.tempFiles, 0);
  const temp = tempFiles === 0 ? '' : ` and ${plural(tempFiles, 'temp file', 'temp files')}`;
  return `cleared ${plural(entries, 'entry', 'entries')} (${mib(bytes)})${temp} from ${r.dir}\n`;
}

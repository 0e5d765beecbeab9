import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { ENTRY_HEADER_BYTES } from '../cache/disk-cache.js';
import { pythonCacheEngine } from './executor.js';
import type { PythonStartStatus } from './snapshots.js';
import { snapshotKey } from './snapshots.js';

// Interpreter snapshots on disk, across real processes (test/python-child.mjs: a new Node process
// that makes the python executor with a DiskCache in a directory, runs one call and prints its
// result and the executor's status), with real entry files corrupted between processes.
const CHILD = fileURLToPath(new URL('../../test/python-child.mjs', import.meta.url));
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'shimkit-python-disk-'));
  roots.push(d);
  chmodSync(d, 0o755);
  return d;
}

interface ChildReport {
  value: string;
  status: PythonStartStatus & { disk: { enabled: boolean; reason?: string; hits: number; misses: number; discarded: number; writes: number; writeFailures: number } };
}
function child(dir: string, engine?: string, options: { uid?: number; gid?: number } = {}): Promise<ChildReport> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [CHILD, dir, ...(engine === undefined ? [] : [engine])], { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out) as ChildReport) : reject(new Error(`child exited with ${code}: ${out}${err}`))));
  });
}

const engine = pythonCacheEngine();
const entryPath = (dir: string, eng = engine) => join(dir, eng, `${snapshotKey(undefined)}.entry`);

describe('python executor: snapshots on disk across processes', () => {
  const dir = join(freshDir(), 'cache');

  it('a process with an empty cache loads cold and stores the snapshot; the next process loads it from disk and restores', async () => {
    const first = await child(dir);
    expect(first.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(first.status).toMatchObject({ snapshot: 'made this process', codeCache: 'made this process', interpreters: { cold: 1, restored: 0 }, stored: { ok: 2, failed: 0 } });
    expect(first.status.disk).toMatchObject({ enabled: true, hits: 0, misses: 2, writes: 2 });
    expect(existsSync(entryPath(dir))).toBe(true);
    const second = await child(dir);
    expect(second.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(second.value).not.toBe(first.value);
    expect(second.status).toMatchObject({ snapshot: 'loaded from disk', codeCache: 'loaded from disk', interpreters: { cold: 0, restored: 1, failedRestores: 0 }, stored: { ok: 0, failed: 0 } });
    expect(second.status.disk).toMatchObject({ hits: 2, misses: 0, discarded: 0 });
    expect(second.status.snapshotBytes).toBeGreaterThan(10 * 2 ** 20);
  });

  it('one flipped byte in the stored snapshot: the store reports a miss (discarded), the process loads cold, remakes and restores it, the call works', async () => {
    const path = entryPath(dir);
    const bytes = readFileSync(path);
    const at = ENTRY_HEADER_BYTES + Math.floor((bytes.length - ENTRY_HEADER_BYTES) / 2);
    bytes[at] = bytes[at]! ^ 0x01;
    writeFileSync(path, bytes);
    const r = await child(dir);
    expect(r.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(r.status).toMatchObject({ snapshot: 'made this process', interpreters: { cold: 1, restored: 0, failedRestores: 0 }, stored: { ok: 1, failed: 0 } });
    expect(r.status.disk).toMatchObject({ hits: 1, misses: 1, discarded: 1, writes: 1 });
    const after = await child(dir);
    expect(after.status).toMatchObject({ snapshot: 'loaded from disk', interpreters: { restored: 1, cold: 0 } });
  });

  it('a snapshot entry of another engine id (copied into this engine directory) is never loaded', async () => {
    const other = join(freshDir(), 'cache');
    const foreignEngine = '0123456789abcdef0123456789abcdef';
    const made = await child(other, foreignEngine);
    expect(made.status.snapshot).toBe('made this process');
    mkdirSync(join(other, engine), { recursive: true });
    copyFileSync(entryPath(other, foreignEngine), entryPath(other));
    const r = await child(other);
    expect(r.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(r.status).toMatchObject({ snapshot: 'made this process', interpreters: { cold: 1, restored: 0 } });
    expect(r.status.disk).toMatchObject({ discarded: 1 });
  });

  it('a read-only cache directory: calls still work (from the stored snapshot), nothing is written, status says why', async () => {
    // chmod does not stop root: as root the child runs as user nobody (65534).
    const ro = join(freshDir(), 'cache');
    await child(ro);
    chmodSync(join(ro, engine), 0o555);
    chmodSync(ro, 0o555);
    const asRoot = process.getuid?.() === 0;
    const r = await child(ro, undefined, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(r.status).toMatchObject({ snapshot: 'loaded from disk', interpreters: { restored: 1 } });
    // An empty read-only directory: the executor loads cold, the store refuses the writes, the call works.
    const empty = join(freshDir(), 'cache');
    mkdirSync(empty);
    chmodSync(empty, 0o555);
    const cold = await child(empty, undefined, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(cold.value).toMatch(/^ok [0-9a-f]{16}$/u);
    expect(cold.status).toMatchObject({ snapshot: 'made this process', interpreters: { cold: 1 }, stored: { ok: 0, failed: 2 } });
    expect(cold.status.disk).toMatchObject({ enabled: false, writes: 0 });
    expect(cold.status.notes.join('\n')).toMatch(/disk cache: off — .* is read-only \(EACCES\)/u);
  });
});

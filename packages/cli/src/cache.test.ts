/**
 * `shimkit cache` and `shimkit cache clear`, run as the built binary against a real cache
 * directory (`SHIMKIT_CACHE_DIR`) that a real `shimkit run file.py` fills with the python
 * executor's snapshot, plus an entry of another engine written by `DiskCache` itself.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DiskCache } from '@shimkit/executors/cache';
import { pythonCacheEngine } from '@shimkit/executors/python';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shimkit-cli-cache-'));
const cacheDir = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shimkit(args: string[], options: { cacheDir?: string; uid?: number } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 240_000,
    env: { ...process.env, SHIMKIT_CACHE_DIR: options.cacheDir ?? cacheDir },
    ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const OTHER_ENGINE = '0123456789abcdef0123456789abcdef';

describe('shimkit cache', () => {
  it('an empty (absent) cache directory: no engine, nothing to clear', () => {
    const r = shimkit(['cache']);
    expect(r).toMatchObject({ status: 0, stderr: '' });
    expect(r.stdout).toBe(`cache dir    ${cacheDir}\ntotal        0 entries, 0.0 MiB in 0 engine directories\n`);
    expect(JSON.parse(shimkit(['cache', '--json']).stdout)).toEqual({ dir: cacheDir, engines: [] });
  });

  it('lists the snapshot a python run stored (this engine) and another engine\'s entry; clear deletes entries only', async () => {
    const script = join(dir, 'hello.py');
    writeFileSync(script, 'def entrypoint(argv):\n    return "hi " + argv[1]\n');
    const run = shimkit(['run', script, '--arg', 'name=you', '--timeout', '60000']);
    expect(run).toEqual({ status: 0, stdout: 'hi you\n', stderr: 'shimkit: loading the Python interpreter (Pyodide: seconds the first time, faster from the snapshot in the cache after that)…\n' });

    const other = new DiskCache({ dir: cacheDir, engine: OTHER_ENGINE });
    expect(await other.put('a'.repeat(64), new Uint8Array(1000))).toBe(true);
    writeFileSync(join(cacheDir, 'README.txt'), 'not a cache entry\n');

    const report = JSON.parse(shimkit(['cache', '--json']).stdout) as { dir: string; engines: { engine: string; entries: number; bytes: number; usedBy?: string }[] };
    expect(report.dir).toBe(cacheDir);
    const mine = report.engines.find((e) => e.engine === pythonCacheEngine());
    expect(mine?.usedBy).toBe('python snapshots (this Node, V8 and Pyodide)');
    expect(mine?.entries).toBeGreaterThanOrEqual(1);
    expect(mine?.bytes).toBeGreaterThan(1_000_000); // a Pyodide heap snapshot is megabytes
    expect(report.engines.find((e) => e.engine === OTHER_ENGINE)).toEqual({ engine: OTHER_ENGINE, entries: 1, bytes: 1100, tempFiles: 0, tempBytes: 0 });

    // A writer killed mid-write leaves its temp file: listed, and deleted by clear.
    writeFileSync(join(cacheDir, OTHER_ENGINE, '.tmp-999999-0123456789abcdef'), new Uint8Array(2048));
    const text = shimkit(['cache']).stdout;
    expect(text).toContain('; 1 temp file (0.0 MiB) of unfinished writes\n');
    expect(text).toMatch(new RegExp(`^${OTHER_ENGINE} +1 +0\\.0 MiB +1 +another engine \\(never loaded here\\)$`, 'm'));
    expect(text).toMatch(new RegExp(`^${pythonCacheEngine()} +\\d+ +\\d+\\.\\d MiB +0 +python snapshots`, 'm'));

    const cleared = shimkit(['cache', 'clear']);
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toMatch(new RegExp(`^cleared ${mine!.entries + 1} entries \\(\\d+\\.\\d MiB\\) and 1 temp file from ${cacheDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n$`));
    const after = JSON.parse(shimkit(['cache', '--json']).stdout) as { engines: { entries: number }[] };
    expect(after.engines.map((e) => e.entries)).toEqual([0, 0]);
    expect(existsSync(join(cacheDir, 'README.txt'))).toBe(true);
    expect(readdirSync(join(cacheDir, OTHER_ENGINE))).toEqual([]);
  });

  it('a cache directory that is not a directory: one line naming it, exit code 16, for show and clear', () => {
    for (const action of ['show', 'clear']) {
      const r = shimkit(['cache', action], { cacheDir: '/dev/null' });
      expect(r).toEqual({ status: 16, stdout: '', stderr: 'shimkit: cache directory /dev/null is not a directory [ENOTDIR]; set SHIMKIT_CACHE_DIR to another directory\n' });
    }
  });

  it.runIf(process.getuid?.() === 0)('clear in a directory the user may not change: exit code 16 and the entry stays (run as nobody; root ignores modes)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'shimkit-cli-cache-ro-'));
    try {
      const ro = join(root, 'cache');
      expect(await new DiskCache({ dir: ro, engine: OTHER_ENGINE }).put('b'.repeat(64), new Uint8Array(10))).toBe(true);
      for (const d of [root, ro, join(ro, OTHER_ENGINE)]) chmodSync(d, 0o755);
      const r = shimkit(['cache', 'clear'], { cacheDir: ro, uid: 65534 });
      expect(r).toEqual({ status: 16, stdout: '', stderr: `shimkit: could not clear ${ro}: 1 file is still there (EACCES: permission denied)\n` });
      expect(readdirSync(join(ro, OTHER_ENGINE))).toEqual([`${'b'.repeat(64)}.entry`]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('an unknown action is a usage error: one line, exit code 2', () => {
    const r = shimkit(['cache', 'purge']);
    expect(r).toEqual({ status: 2, stdout: '', stderr: 'shimkit: cache: unknown action "purge" (expected "show" or "clear")\n' });
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { afterAll, describe, expect, it } from 'vitest';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(pkg, '.link-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Issue 10, point 3: processes started from one V8 startup snapshot share its heap. os-unix
// hooks v8.startupSnapshot when the process is building one, so lifecycle.onClone hooks fire in
// every process started from it, before the snapshot's main function. Runs once (native project):
// the snapshot build itself never loads the addon (a snapshot cannot hold one).
describe.runIf(expectNative)('lifecycle.onClone and V8 startup snapshots', () => {
  it('a snapshot built with the default entry: the hook fires with snapshot-restore in each of 3 processes', async () => {
    // The builder runs one CommonJS script that may load only built-in modules: bundle the program.
    const build = await rollup({
      input: join(pkg, 'test', 'snapshot-entry.mjs'),
      plugins: [nodeResolve({ exportConditions: ['node'] })],
      external: [/^node:/],
      logLevel: 'silent',
    });
    await build.write({ file: join(dir, 'entry.cjs'), format: 'cjs' });
    await build.close();
    const blob = join(dir, 'snapshot.blob');
    const env = { ...process.env, SHIMKIT_NO_ADDON: '' };
    const made = spawnSync(process.execPath, ['--snapshot-blob', blob, '--build-snapshot', join(dir, 'entry.cjs')], { cwd: dir, encoding: 'utf8', env, timeout: 60_000 });
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    const runs = [0, 1, 2].map(() => {
      const r = spawnSync(process.execPath, ['--snapshot-blob', blob], { cwd: dir, encoding: 'utf8', env, timeout: 30_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      return JSON.parse(r.stdout) as { fired: string[]; path: string; built: string; now: string; reason: string };
    });
    for (const run of runs) {
      expect(run.fired).toEqual(['snapshot-restore']);
      expect(run.path).toBe('fallback');
      expect(run.reason).toBe('the process is building a V8 startup snapshot, which cannot hold a native addon');
    }
    // The heap is shared (the build-time bytes are the same everywhere): exactly what the hook is for.
    expect(new Set(runs.map((r) => r.built)).size).toBe(1);
    // The OS source itself is not in the heap: fresh bytes differ per process.
    expect(new Set(runs.map((r) => r.now)).size).toBe(3);
  }, 120_000);

  it('outside a snapshot build, onClone registers, unregisters and rejects a non-function', async () => {
    const { os } = await import('./index.js');
    const off = os.lifecycle.onClone!(() => {});
    off();
    off();
    expect(() => os.lifecycle.onClone!(5 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

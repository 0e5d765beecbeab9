import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

const pkg = fileURLToPath(new URL('..', import.meta.url));

// A failed addon build must not fail the install: the install script warns and exits 0, and the
// package then reports the fallback with the reason. Runs once (in the fallback project).
describe.runIf(!expectNative)('install with a broken addon build', () => {
  // Inside the package, so node-gyp and node-addon-api resolve as they do for the real install.
  const dir = mkdtempSync(join(pkg, '.install-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('warns, exits 0, and the package falls back with the reason', () => {
    for (const p of ['package.json', 'binding.gyp', 'native', 'scripts', 'dist']) cpSync(join(pkg, p), join(dir, p), { recursive: true });
    writeFileSync(join(dir, 'native/addon.cc'), 'this is not C++;\n');
    const r = spawnSync(process.execPath, ['scripts/install.cjs'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('WARNING: the native addon could not be built');
    const probe = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "import { status } from './dist/index.js'; console.log(JSON.stringify(status()))"],
      { cwd: dir, encoding: 'utf8', env: { ...process.env, SHIMKIT_NO_ADDON: '' } },
    );
    expect(probe.status).toBe(0);
    const s = JSON.parse(probe.stdout) as { path: string; addon: { loaded: boolean; reason: string } };
    expect(s.path).toBe('fallback');
    expect(s.addon.loaded).toBe(false);
    expect(s.addon.reason).toMatch(/^addon not loaded: /);
  }, 120_000);
});

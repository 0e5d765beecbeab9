import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';

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
    const s = JSON.parse(probe.stdout) as { path: string; addon: { loaded: boolean; reason: string; fix?: string } };
    expect(s.path).toBe('fallback');
    expect(s.addon.loaded).toBe(false);
    expect(s.addon.reason).toMatch(/^addon not loaded: No native build was found/);
    expect(s.addon.fix).toContain('npm rebuild @shimkit/os-unix');
    // One warning, at import, saying the fallback runs, why, and how to fix it.
    const warnings = probe.stderr.split('\n').filter((l) => l.includes('[SHIMKIT_ADDON_MISSING]'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('running on its pure-JavaScript fallback');
    expect(warnings[0]).toContain('npm install-scripts approve @shimkit/os-unix');
    // Choosing the fallback on purpose is silent.
    const quiet = spawnSync(process.execPath, ['--input-type=module', '-e', "import { status } from './dist/index.js'; status();"], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, SHIMKIT_NO_ADDON: '1' },
    });
    expect(quiet.stderr).toBe('');
  }, 120_000);
});

// Prebuilds are tagged by C library (prebuildify --tag-libc): node-gyp-build loads a glibc
// prebuild on glibc and never on musl (it reads LIBC, or /etc/alpine-release).
describe.runIf(expectNative)('prebuilds are picked by libc', () => {
  const prebuilds = join(pkg, 'prebuilds', `${process.platform}-${process.arch}`);
  const dir = mkdtempSync(join(pkg, '.install-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('the build wrote a libc-tagged prebuild, and node-gyp-build loads it on glibc only', () => {
    expect(readdirSync(prebuilds)).toEqual(['@shimkit+os-unix.glibc.node']);
    // A package directory with the prebuilds and no build/ (as installed from the tarball).
    cpSync(join(pkg, 'package.json'), join(dir, 'package.json'));
    cpSync(join(pkg, 'prebuilds'), join(dir, 'prebuilds'), { recursive: true });
    expect(existsSync(join(dir, 'build'))).toBe(false);
    const ngb = createRequire(import.meta.url).resolve('node-gyp-build');
    const pick = (libc: string) =>
      spawnSync(process.execPath, ['-e', `try { console.log(require(${JSON.stringify(ngb)}).path(${JSON.stringify(dir)})) } catch (e) { console.log('none: ' + e.message.split('\\n')[0]) }`], {
        encoding: 'utf8',
        env: { ...process.env, LIBC: libc },
      }).stdout.trim();
    expect(pick('glibc')).toBe(join(dir, 'prebuilds', `${process.platform}-${process.arch}`, '@shimkit+os-unix.glibc.node'));
    expect(pick('musl')).toMatch(/^none: No native build was found for .*libc=musl/);
  });
});

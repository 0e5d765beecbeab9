import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ShimkitRangeError } from './errors.js';
import { backendPackages, exportConditions, isExternal, isTarget, linkedModuleSource, preset, PRESETS, TARGETS } from './presets.js';

const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(`${PACKAGE_DIR}package.json`, 'utf8')) as {
  exports: Record<string, Record<string, string>>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional: boolean }>;
};
const FIX = 'out of line with src/presets.ts: run `npm run build -w @shimkit/os-shim && npm run sync-presets -w @shimkit/os-shim`';

describe('presets', () => {
  it('lists every target once, with the data the helpers derive from', () => {
    expect(TARGETS).toEqual(['unix', 'xen', 'solo5', 'wasi', 'web']);
    expect(preset('unix')).toMatchObject({ module: '@shimkit/os-unix', package: '@shimkit/os-unix', conditions: ['node'], external: ['node:'], platform: 'node', host: 'node', program: 'main' });
    expect(preset('xen')).toMatchObject({ module: '@shimkit/os-xen', conditions: ['xen'], external: [], platform: 'neutral', host: 'xen-abi', program: 'main' });
    expect(preset('solo5')).toMatchObject({ module: '@shimkit/os-solo5', conditions: ['solo5'], external: [], platform: 'neutral', host: 'solo5-abi' });
    expect(preset('wasi')).toMatchObject({ module: '@shimkit/os-unix/wasi', package: '@shimkit/os-unix', conditions: ['wasi'], external: ['wasi:'], host: 'wasi-component', program: 'component' });
    expect(preset('web')).toMatchObject({ module: '@shimkit/os-web', package: '@shimkit/os-web', conditions: ['web', 'workerd', 'deno', 'bun', 'worker', 'browser'], external: [], platform: 'browser', host: 'web', program: 'main' });
    expect(backendPackages()).toEqual(['@shimkit/os-unix', '@shimkit/os-xen', '@shimkit/os-solo5', '@shimkit/os-web']);
  });

  it('names, conditions and modules are unique; every module is inside its package', () => {
    expect(new Set(TARGETS).size).toBe(PRESETS.length);
    const conditions = PRESETS.flatMap((p) => p.conditions);
    expect(new Set(conditions).size).toBe(conditions.length);
    expect(new Set(PRESETS.map((p) => p.module)).size).toBe(PRESETS.length);
    for (const p of PRESETS) {
      expect(p.conditions.length, p.name).toBeGreaterThan(0);
      expect(p.module === p.package || p.module.startsWith(`${p.package}/`), p.name).toBe(true);
      expect(Object.isFrozen(PRESETS)).toBe(true);
    }
  });

  it('an unknown target is a ShimkitRangeError naming the targets', () => {
    for (const bad of ['dos', 'toString', '__proto__', '', 42]) {
      expect(() => preset(bad as never)).toThrow(ShimkitRangeError);
      expect(isTarget(bad)).toBe(false);
    }
    expect(() => preset('dos' as never)).toThrow('unknown target "dos"; expected one of unix, xen, solo5, wasi, web');
    try {
      preset('dos' as never);
    } catch (e) {
      expect((e as ShimkitRangeError).code).toBe('ERR_OUT_OF_RANGE');
    }
    expect(isTarget('wasi')).toBe(true);
  });

  it('orders export conditions so the broad `node` condition comes last', () => {
    expect(exportConditions()).toEqual([
      ['xen', 'xen'],
      ['solo5', 'solo5'],
      ['wasi', 'wasi'],
      // Deno and Bun set `node` too: their own conditions (and the Web ones) come before it.
      ['web', 'web'],
      ['workerd', 'web'],
      ['deno', 'web'],
      ['bun', 'web'],
      ['worker', 'web'],
      ['browser', 'web'],
      ['node', 'unix'],
    ]);
  });

  it('externals are the host-provided prefixes', () => {
    expect(isExternal('unix', 'node:crypto')).toBe(true);
    expect(isExternal('wasi', 'wasi:random/random@0.2.0')).toBe(true);
    expect(isExternal('wasi', 'node:crypto')).toBe(false);
    expect(isExternal('xen', 'node:crypto')).toBe(false);
    expect(isExternal('solo5', 'wasi:clocks')).toBe(false);
  });
});

describe('this package states the presets exactly', () => {
  it('package.json `.` conditions: types first, one per preset condition in order, default last', () => {
    const expected: Record<string, string> = { types: './dist/index.d.ts' };
    for (const [condition, target] of exportConditions()) expected[condition] = `./linked/${target}.js`;
    expected.default = './dist/index.js';
    expect(Object.entries(manifest.exports['.']!), FIX).toEqual(Object.entries(expected));
  });

  it('linked/ holds exactly one module per preset, re-exporting its backend', () => {
    expect(readdirSync(`${PACKAGE_DIR}linked`).sort(), FIX).toEqual(TARGETS.map((t) => `${t}.js`).sort());
    for (const t of TARGETS) {
      const text = readFileSync(`${PACKAGE_DIR}linked/${t}.js`, 'utf8');
      expect(text, `linked/${t}.js ${FIX}`).toBe(linkedModuleSource(t));
      expect(text).toContain(`export { os } from '${preset(t).module}';\n`);
    }
  });

  it('every backend package is an optional peer dependency, and no other @shimkit/os-* is', () => {
    const peers = Object.keys(manifest.peerDependencies).filter((n) => n.startsWith('@shimkit/os-'));
    expect(peers, FIX).toEqual(backendPackages());
    for (const p of backendPackages()) expect(manifest.peerDependenciesMeta[p], p).toEqual({ optional: true });
  });

  it('Node resolves @shimkit/os-shim to each preset under its conditions (and to unix by default)', { timeout: 60_000 }, () => {
    for (const p of PRESETS) {
      for (const condition of p.conditions) {
        const args = condition === 'node' ? [] : [`--conditions=${condition}`];
        const r = spawnSync(process.execPath, [...args, '--input-type=module', '-e', "console.log(import.meta.resolve('@shimkit/os-shim'))"], {
          cwd: PACKAGE_DIR,
          encoding: 'utf8',
        });
        expect(r.stderr).toBe('');
        expect(r.stdout.trim(), `${p.name} via ${condition}`).toBe(new URL(`../linked/${p.name}.js`, import.meta.url).href);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { backendFor, esbuildAlias, rollupAlias, TARGETS, viteAlias, webpackAlias } from './alias.js';
import { PRESETS } from './presets.js';

describe('alias helper', () => {
  it('maps every target from one table', () => {
    expect(TARGETS).toEqual(['unix', 'xen', 'solo5', 'wasi', 'web']);
    expect(backendFor('unix')).toBe('@shimkit/os-unix');
    expect(backendFor('xen')).toBe('@shimkit/os-xen');
    expect(backendFor('solo5')).toBe('@shimkit/os-solo5');
    expect(backendFor('wasi')).toBe('@shimkit/os-unix/wasi');
    expect(() => backendFor('dos' as never)).toThrow(RangeError);
    expect(() => backendFor('toString' as never)).toThrow('unknown target "toString"');
    for (const p of PRESETS) expect(backendFor(p.name)).toBe(p.module);
  });

  it('replaces exactly @shimkit/os-shim, never its subpaths', () => {
    const { entries } = rollupAlias('xen');
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry!.replacement).toBe('@shimkit/os-xen');
    expect(entry!.find.test('@shimkit/os-shim')).toBe(true);
    expect(entry!.find.test('@shimkit/os-shim/errors')).toBe(false);
    expect(entry!.find.test('x@shimkit/os-shim')).toBe(false);
    expect(viteAlias('solo5')).toEqual([{ find: entry!.find, replacement: '@shimkit/os-solo5' }]);
    expect(webpackAlias('wasi')).toEqual({ '@shimkit/os-shim$': '@shimkit/os-unix/wasi' });
  });

  it('the esbuild plugin resolves the exact specifier to the backend', async () => {
    const plugin = esbuildAlias('unix');
    const hooks: { filter: RegExp; cb: (a: never) => unknown }[] = [];
    const resolved: unknown[] = [];
    plugin.setup({
      onResolve: (o, cb) => void hooks.push({ filter: o.filter, cb: cb as never }),
      resolve: async (path, o) => (resolved.push([path, o]), { path: `/abs/${path}` }),
    });
    expect(hooks).toHaveLength(1);
    expect(hooks[0]!.filter.test('@shimkit/os-shim/validate')).toBe(false);
    const out = await hooks[0]!.cb({ path: '@shimkit/os-shim', importer: '/a.js', resolveDir: '/', kind: 'import-statement' } as never);
    expect(out).toEqual({ path: '/abs/@shimkit/os-unix' });
    expect(resolved).toEqual([['@shimkit/os-unix', { importer: '/a.js', resolveDir: '/', kind: 'import-statement' }]]);
  });
});

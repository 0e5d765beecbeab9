import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSUMER, EXAMPLES } from './consumer.js';

const BUNDLERS = ['rollup', 'vite', 'esbuild', 'webpack'] as const;
const TARGETS = ['unix'] as const;
type Bundler = (typeof BUNDLERS)[number];
type Target = (typeof TARGETS)[number] | 'xen' | 'solo5' | 'wasi';

const budget = JSON.parse(readFileSync(join(EXAMPLES, 'size-budget.json'), 'utf8')) as Record<Bundler, Record<Target, number>>;

/** The backend module each target must contain, and the ones it must not. */
const BACKEND_DIRS: Record<Target, RegExp> = {
  unix: /node_modules\/@shimkit\/os-unix\/dist\/(index|backend)\.js/,
  xen: /node_modules\/@shimkit\/os-xen\/dist\//,
  solo5: /node_modules\/@shimkit\/os-solo5\/dist\//,
  wasi: /node_modules\/@shimkit\/os-unix\/dist\/wasi\//,
};
const STUB = /node_modules\/@shimkit\/os-shim\/dist\/index\.js/;

describe.each(BUNDLERS)('%s', (bundler) => {
  it.each(TARGETS)('bundles the program for %s: one backend, no stub, within budget, and it runs', async (target) => {
    const { bundle } = (await import(pathToFileURL(join(CONSUMER, 'bundlers', `${bundler}.mjs`)).href)) as {
      bundle(o: { target: Target; entry: string; outFile: string; root: string }): Promise<{ file: string; modules: string[] }>;
    };
    const outFile = join(CONSUMER, 'dist', `${bundler}-${target}.mjs`);
    const { modules } = await bundle({ target, entry: join(CONSUMER, 'program', 'main.js'), outFile, root: CONSUMER });
    const ids = modules.map((m) => m.replaceAll('\\', '/'));
    for (const [other, dir] of Object.entries(BACKEND_DIRS)) {
      const inside = ids.some((id) => dir.test(id));
      expect(inside, `${other} backend ${inside ? 'inside' : 'missing'}`).toBe(other === target);
    }
    expect(ids.some((id) => STUB.test(id))).toBe(false);
    expect(ids.some((id) => id.includes('/node_modules/@shimkit/entropy/dist/'))).toBe(true);

    const size = statSync(outFile).size;
    console.log(`examples: ${bundler} ${target} bundle: ${size} bytes (budget ${budget[bundler][target]})`);
    expect(size).toBeLessThanOrEqual(budget[bundler][target]);

    const r = spawnSync(process.execPath, [outFile], { cwd: CONSUMER, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stderr.trim().split('\n').pop()!) as { backend: string; random: string; seededFrom: string[] };
    expect(out.backend).toBe('unix');
    expect(out.random).toMatch(/^[0-9a-f]{64}$/);
    expect(out.seededFrom).toContain('os-random');
  });
});

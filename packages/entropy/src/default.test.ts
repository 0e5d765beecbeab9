import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fill, initialize, isSeeded, notifyClone, randomBytes, randomInt, randomUUID, status, stop } from './index.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

function node(script: string, env: Record<string, string> = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: pkgDir,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 20_000,
  });
  return { ...r, ms: Date.now() - t0 };
}

describe('the default instance (linked to os-unix)', () => {
  it('seeds lazily on first use, from real sources, and reports them', () => {
    stop();
    expect(isSeeded()).toBe(false);
    const bytes = randomBytes(32);
    expect(bytes).toHaveLength(32);
    expect(isSeeded()).toBe(true);
    const st = status();
    expect(st.backend).toBe('unix');
    expect(st.initialized).toBe(true);
    expect(st.seededFrom).toContain('os-random');
    expect(st.sources.map((s) => s.name)).toEqual(['bootstrap', 'os-random', 'loop-timer', 'cpu-rng']);
    expect(randomUUID()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const n = randomInt(10, 20);
    expect(n >= 10 && n < 20 && Number.isInteger(n)).toBe(true);
    const view = new Uint32Array(4);
    expect(fill(view)).toBe(view);
    stop();
    expect(isSeeded()).toBe(false);
  });

  it('initialize() returns the status; notifyClone() makes the next request reseed', () => {
    const st = initialize();
    expect(st.initialized).toBe(true);
    const reseeds = st.fortuna.directReseeds;
    notifyClone();
    randomBytes(1);
    const after = status();
    expect(after.clones).toBe(st.clones + 1);
    expect(after.fortuna.directReseeds).toBe(reseeds + 1);
    stop();
  });
});

describe('processes and threads', () => {
  for (const [label, env] of [
    ['native', { SHIMKIT_NO_ADDON: '' }],
    ['fallback', { SHIMKIT_NO_ADDON: '1' }],
  ] as const) {
    it(`importing draws nothing; a program that generates bytes and returns exits by itself (${label})`, () => {
      const r = node(
        `
        import * as e from '@shimkit/entropy';
        const before = e.status();
        const out = { seededAtImport: e.isSeeded(), samplesAtImport: before.sources.reduce((n, s) => n + s.samples, 0) };
        out.hex = Buffer.from(e.randomBytes(32)).toString('hex');
        out.seededFrom = e.status().seededFrom;
        console.log(JSON.stringify(out));
        `,
        env,
      );
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { seededAtImport: boolean; samplesAtImport: number; hex: string; seededFrom: string[] };
      expect(out.seededAtImport).toBe(false);
      expect(out.samplesAtImport).toBe(0);
      expect(out.hex).toMatch(/^[0-9a-f]{64}$/);
      expect(out.seededFrom).toContain('os-random');
      if (label === 'fallback') expect(out.seededFrom).toEqual(['whirlwind', 'os-random']);
      expect(r.ms).toBeLessThan(15_000);
    });
  }

  it('each worker thread has its own state, seeded independently: no two workers emit the same bytes', () => {
    const r = node(`
      import { Worker } from 'node:worker_threads';
      const code = "Promise.all([import('@shimkit/entropy'), import('node:worker_threads')]).then(([e, wt]) => { const out = []; for (let i = 0; i < 64; i++) out.push(Buffer.from(e.randomBytes(32)).toString('hex')); wt.parentPort.postMessage(out); })";
      const runs = await Promise.all([0, 1, 2, 3].map(() => new Promise((resolve, reject) => {
        const w = new Worker(code, { eval: true });
        w.once('message', resolve);
        w.once('error', reject);
      })));
      console.log(JSON.stringify(runs));
    `);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const runs = JSON.parse(r.stdout) as string[][];
    expect(runs).toHaveLength(4);
    const all = runs.flat();
    expect(all).toHaveLength(4 * 64);
    expect(new Set(all).size).toBe(all.length);
    // Not even an 8-byte window repeats across workers.
    const windows = new Set<string>();
    for (const hex of all) for (let i = 0; i + 16 <= hex.length; i += 16) windows.add(hex.slice(i, i + 16));
    expect(windows.size).toBe(all.length * 4);
  });
});

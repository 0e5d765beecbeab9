import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectNative } from './test-path.js';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

function run(file: string) {
  return spawnSync(process.execPath, [file], {
    cwd: dist,
    encoding: 'utf8',
    env: { ...process.env, SHIMKIT_NO_ADDON: expectNative ? '' : '1' },
  });
}

describe('linking a shim-only program to os-unix with rollup', () => {
  it('the bundle runs on the unix backend', () => {
    const r = run('link-check.bundle.mjs');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stderr) as { backend: string; random: string; cycles: number; rdrand: string };
    expect(out.backend).toBe('unix');
    expect(out.random).toMatch(/^[0-9a-f]{32}$/);
    expect(out.random).not.toBe('0'.repeat(32));
    expect(Number.isInteger(out.cycles)).toBe(true);
    if (!expectNative) expect(out.rdrand).toBe('undefined');
  });

  it('the bundle holds os-unix and not the unlinked stub', () => {
    const text = readFileSync(`${dist}link-check.bundle.mjs`, 'utf8');
    expect(text).toContain('createFallbackOs');
    expect(text).not.toContain('No OS backend is linked');
    expect(text).not.toMatch(/from ['"]@shimkit\/os-shim['"]/);
  });

  it('the same program unbundled in Node: the "node" condition links os-unix', () => {
    const r = run('link-check.js');
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stderr) as { backend: string }).backend).toBe('unix');
  });

  it('bundled without the alias (and without the "node" condition) it reaches the stub: ERR_NO_BACKEND', async () => {
    const { rollup } = await import('rollup');
    const { nodeResolve } = await import('@rollup/plugin-node-resolve');
    const build = await rollup({ input: `${dist}link-check.js`, plugins: [nodeResolve()], logLevel: 'silent' });
    const { output } = await build.generate({ format: 'es' });
    await build.close();
    const code = output[0].code;
    expect(code).toContain('No OS backend is linked');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("code: 'ERR_NO_BACKEND'");
  });
});

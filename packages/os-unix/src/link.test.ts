import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { rollup, type Plugin } from 'rollup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

const pkg = fileURLToPath(new URL('..', import.meta.url));
/** The shim-only program (a fixture, not part of the build). */
const program = join(pkg, 'test', 'link-check.mjs');
// Inside the package, so the bundle finds the installed @shimkit/os-unix (and its addon) as a
// user's bundle next to node_modules does.
const dir = mkdtempSync(join(pkg, '.link-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function bundle(plugins: Plugin[]): Promise<string> {
  const build = await rollup({ input: program, plugins, external: [/^node:/, 'node-gyp-build'], logLevel: 'silent' });
  try {
    return (await build.generate({ format: 'es' })).output[0].code;
  } finally {
    await build.close();
  }
}

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, SHIMKIT_NO_ADDON: expectNative ? '' : '1' } });
}

describe('linking a shim-only program to os-unix with rollup', () => {
  let linked = '';
  beforeAll(async () => {
    linked = await bundle([alias(rollupAlias('unix')), nodeResolve({ exportConditions: ['node'] })]);
    writeFileSync(join(dir, 'link-check.bundle.mjs'), linked);
  });

  it('the bundle runs on the unix backend', () => {
    const r = run(['link-check.bundle.mjs']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stderr) as { backend: string; random: string; cycles: number; rdrand: string };
    expect(out.backend).toBe('unix');
    expect(out.random).toMatch(/^[0-9a-f]{32}$/);
    expect(out.random).not.toBe('0'.repeat(32));
    expect(Number.isInteger(out.cycles)).toBe(true);
    if (!expectNative) expect(out.rdrand).toBe('undefined');
  });

  it('the bundle holds os-unix and not the unlinked stub', () => {
    expect(linked).toContain('createFallbackOs');
    expect(linked).not.toContain('No OS backend is linked');
    expect(linked).not.toMatch(/from ['"]@shimkit\/os-shim['"]/);
  });

  it('the same program unbundled in Node: the "node" condition links os-unix', () => {
    const r = run([program]);
    expect(r.status, r.stderr).toBe(0);
    expect((JSON.parse(r.stderr) as { backend: string }).backend).toBe('unix');
  });

  it('bundled without the alias (and without the "node" condition) it reaches the stub: ERR_NO_BACKEND', async () => {
    const code = await bundle([nodeResolve()]);
    expect(code).toContain('No OS backend is linked');
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("code: 'ERR_NO_BACKEND'");
  });
});

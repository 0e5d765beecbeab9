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

  it('the same program unbundled reaches the stub and fails with ERR_NO_BACKEND', () => {
    const r = run('link-check.js');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('No OS backend is linked');
    expect(r.stderr).toContain("code: 'ERR_NO_BACKEND'");
  });
});

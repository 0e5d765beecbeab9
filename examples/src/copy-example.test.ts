/**
 * examples/README.md's "copy one example" instructions, followed literally outside the repository:
 * each example folder and the program are copied to a fresh temporary directory, whose
 * `node_modules` is the one the consumer step installed from the tarballs for that same manifest
 * (standing in for `npm install`), and the README's commands are run there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TARGETS } from '@shimkit/os-shim/presets';
import { BUNDLERS, CONSUMER, copyExample, EXAMPLES } from './consumer.js';

const outside = mkdtempSync(join(tmpdir(), 'shimkit-copied-example-'));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

describe.each(BUNDLERS)('a copy of examples/%s outside the repository', (bundler) => {
  const app = join(outside, bundler);

  it('the README\'s copy commands give a project whose `node build.mjs <target>` builds', () => {
    copyExample(bundler, app);
    symlinkSync(join(CONSUMER, bundler, 'node_modules'), join(app, 'node_modules'), 'dir');
    expect(readFileSync(join(EXAMPLES, 'README.md'), 'utf8')).toContain(`cp -r examples/rollup my-app && cp -r examples/program my-app/program`);

    const r = spawnSync(process.execPath, ['build.mjs', 'xen'], { cwd: app, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(`built ${join(app, 'dist', 'xen.mjs')}\n`);
    expect(r.status).toBe(0);
    expect(existsSync(join(app, 'dist', 'xen.mjs'))).toBe(true);
  });

  it('an unknown target is a usage error naming every preset', () => {
    const r = spawnSync(process.execPath, ['build.mjs', 'dos'], { cwd: app, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`usage: node build.mjs <target>|all; targets: ${TARGETS.join(', ')}\n`);
  });
});

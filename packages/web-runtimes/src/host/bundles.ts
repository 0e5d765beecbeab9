/**
 * The bundles the runtimes load (`bundles/*.js`, made by `npm run build` in this package: tsc,
 * then rollup with `rollupAlias('web')`). `ensureBundles` (the projects' global setup) rebuilds
 * them when one is missing or older than its inputs, so `npx vitest run --project web-deno` works
 * without a prior build.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
export const BUNDLE_DIR = join(PACKAGE_DIR, 'bundles');
export const RESULTS_DIR = join(PACKAGE_DIR, 'results');
const NAMES = ['page.js', 'worker.js', 'worker-page.js', 'cli.js', 'workerd.js', 'demo.js', 'addon-probe.js'];

/** Newest modification time of the files under `dir` (0 when absent). */
function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) t = Math.max(t, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return t;
}

export function bundlePath(name: string): string {
  return join(BUNDLE_DIR, name);
}

export function ensureBundles(): void {
  const inputs = Math.max(
    newest(join(PACKAGE_DIR, 'src')),
    ...['os-web', 'os-shim', 'entropy'].map((p) => newest(join(PACKAGE_DIR, '..', p, 'src'))),
  );
  const stale = NAMES.some((n) => !existsSync(bundlePath(n)) || statSync(bundlePath(n)).mtimeMs < inputs);
  if (!stale) return;
  // Build what the bundles import (their dist/), then the bundles.
  const root = join(PACKAGE_DIR, '..', '..');
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@shimkit/web-runtimes...', '--output-logs=errors-only'], {
    cwd: root,
    stdio: 'inherit',
  });
}

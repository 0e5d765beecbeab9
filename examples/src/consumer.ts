/**
 * The projects the example tests build in, under `examples/.consumer/`, laid out like `examples/`:
 *
 * - `packs/`: `npm pack` of every public shimkit package;
 * - `rollup/`, `vite/`, `esbuild/`, `webpack/`: copies of the example projects, each installed
 *   with `npm install` as a user would — their own bundler from the registry, and the shimkit
 *   packages from the tarballs (every `@shimkit/*` dependency, direct or transitive, is pointed at
 *   its tarball with `overrides`, since these versions are not on the registry);
 * - `plain/`: a project whose only dependency is `@shimkit/entropy` (plain Node, no bundler);
 * - `wit/`: the WIT world of the wasi example, with the WASI 0.2 WIT packages that
 *   `packages/wasi-component` ships;
 * - in each example project, `program/`: the programs it builds (so that their imports resolve to
 *   that project's installed packages, as in a user's project).
 *
 * So the tests see the published `exports`, `files`, dependencies and install script, not the
 * workspace sources.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backendPackages } from '@shimkit/os-shim/presets';

export const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(EXAMPLES, '..');
export const CONSUMER = join(EXAMPLES, '.consumer');

export const BUNDLERS = ['rollup', 'vite', 'esbuild', 'webpack'] as const;
export type Bundler = (typeof BUNDLERS)[number];

/**
 * The public packages: the shim, every preset's backend package (`backendPackages()`: os-unix,
 * os-xen, os-solo5, os-web), the unikernel core os-xen and os-solo5 depend on, and entropy.
 */
export const PUBLIC_PACKAGES: readonly string[] = ['@shimkit/os-shim', ...backendPackages(), '@shimkit/os-unikernel', '@shimkit/entropy'];

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
}

/** Rewrites a project's manifest so every `@shimkit/*` package comes from its tarball, and installs it. */
function install(dir: string, tarballs: Record<string, string>): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, Record<string, string>>;
  const local = (name: string): string => `file:${join(CONSUMER, 'packs', tarballs[name]!)}`;
  for (const field of ['dependencies', 'devDependencies'] as const) {
    for (const name of Object.keys(manifest[field] ?? {})) if (name in tarballs) manifest[field]![name] = local(name);
  }
  manifest.overrides = Object.fromEntries(Object.keys(tarballs).map((name) => [name, local(name)]));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], dir);
}

/**
 * Copies one example project to `dir` the way examples/README.md tells a user to:
 * `cp -r examples/<bundler> my-app && cp -r examples/program my-app/program` (without any
 * `node_modules/` or `dist/` a local build left in the example).
 */
export function copyExample(bundler: Bundler, dir: string): void {
  const skip = (src: string): boolean => !/[\\/](node_modules|dist)([\\/]|$)/.test(src.slice(join(EXAMPLES, bundler).length));
  cpSync(join(EXAMPLES, bundler), dir, { recursive: true, filter: skip });
  cpSync(join(EXAMPLES, 'program'), join(dir, 'program'), { recursive: true });
}

/** Packs the workspaces and installs every example project (and the plain one) from the tarballs. */
export function prepareConsumer(log: (line: string) => void = () => {}): string {
  rmSync(CONSUMER, { recursive: true, force: true });
  const packs = join(CONSUMER, 'packs');
  mkdirSync(packs, { recursive: true });
  log(`examples: packing ${PUBLIC_PACKAGES.join(', ')}`);
  npm(['pack', ...PUBLIC_PACKAGES.flatMap((p) => ['-w', p]), '--pack-destination', packs], ROOT);
  const tarballs: Record<string, string> = {};
  for (const file of readdirSync(packs).filter((f) => f.endsWith('.tgz'))) {
    tarballs[file.replace(/^shimkit-(.*)-\d+\.\d+\.\d+.*\.tgz$/, '@shimkit/$1')] = file;
  }

  cpSync(join(EXAMPLES, 'wit'), join(CONSUMER, 'wit'), { recursive: true });
  cpSync(join(ROOT, 'packages', 'wasi-component', 'wit', 'deps'), join(CONSUMER, 'wit', 'deps'), { recursive: true });

  for (const bundler of BUNDLERS) {
    const dir = join(CONSUMER, bundler);
    copyExample(bundler, dir);
    const t0 = Date.now();
    install(dir, tarballs);
    log(`examples: installed examples/${bundler} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }

  const plain = join(CONSUMER, 'plain');
  mkdirSync(plain);
  writeFileSync(
    join(plain, 'package.json'),
    JSON.stringify({ name: 'shimkit-plain-node', private: true, type: 'module', dependencies: { '@shimkit/entropy': '0.0.0' } }),
  );
  install(plain, tarballs);
  log('examples: installed the plain-Node project (@shimkit/entropy only)');
  return CONSUMER;
}

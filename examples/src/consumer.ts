/**
 * The consumer project the example tests build in: `examples/.consumer/`, a fresh npm project
 * that installs the packed tarballs of every public shimkit package (`npm pack`, then
 * `npm install` of the tarballs), exactly as a user installs them from the registry — so the
 * tests see the published `exports`, `files` and install script, not the workspace sources.
 * The bundler configurations (`examples/bundlers/`) and programs (`examples/program/`) are copied
 * in, so `@shimkit/os-shim/alias` in them resolves to the installed tarball too.
 */

import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const EXAMPLES = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = join(EXAMPLES, '..');
export const CONSUMER = join(EXAMPLES, '.consumer');

export const PUBLIC_PACKAGES = ['@shimkit/os-shim', '@shimkit/os-unix', '@shimkit/os-unikernel', '@shimkit/os-xen', '@shimkit/os-solo5', '@shimkit/entropy'] as const;

function npm(args: string[], cwd: string): string {
  return execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
}

/** Packs the workspaces and installs the tarballs into a fresh `examples/.consumer`. */
export function prepareConsumer(log: (line: string) => void = () => {}): string {
  rmSync(CONSUMER, { recursive: true, force: true });
  const packs = join(CONSUMER, 'packs');
  mkdirSync(packs, { recursive: true });
  log('examples: packing ' + PUBLIC_PACKAGES.join(', '));
  npm(['pack', ...PUBLIC_PACKAGES.flatMap((p) => ['-w', p]), '--pack-destination', packs], ROOT);
  const tarballs = readdirSync(packs).filter((f) => f.endsWith('.tgz'));
  const dependencies: Record<string, string> = {};
  for (const file of tarballs) dependencies[file.replace(/^shimkit-(.*)-\d+\.\d+\.\d+.*\.tgz$/, '@shimkit/$1')] = `file:packs/${file}`;
  writeFileSync(join(CONSUMER, 'package.json'), JSON.stringify({ name: 'shimkit-consumer', private: true, type: 'module', dependencies }, null, 2));
  log(`examples: installing ${tarballs.length} tarballs into examples/.consumer`);
  npm(['install', '--no-audit', '--no-fund', '--prefer-offline', '--no-package-lock'], CONSUMER);
  for (const dir of ['bundlers', 'program', 'wit']) cpSync(join(EXAMPLES, dir), join(CONSUMER, dir), { recursive: true });
  // The WASI 0.2 WIT packages the example world imports: the same files the WASI component uses.
  cpSync(join(ROOT, 'packages', 'wasi-component', 'wit', 'deps'), join(CONSUMER, 'wit', 'deps'), { recursive: true });
  return CONSUMER;
}

// esbuild: the alias as a plugin (esbuild's own `alias` option would also rewrite the shim's
// subpaths, which every backend imports); platform, conditions and externals read from the
// target's preset (@shimkit/os-shim/presets). Self-contained: copy this folder (with ../program)
// and run `node build.mjs xen`.
import { esbuildAlias } from '@shimkit/os-shim/alias';
import { isTarget, preset, TARGETS } from '@shimkit/os-shim/presets';
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** @param {{ target: import('@shimkit/os-shim/presets').TargetName, entry: string, outFile: string }} o */
export function esbuildOptions({ target, entry, outFile }) {
  const p = preset(target);
  return {
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: p.platform,
    mainFields: p.platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'],
    conditions: [...p.conditions],
    target: 'es2022',
    external: p.external.map((prefix) => `${prefix}*`),
    plugins: [esbuildAlias(target)],
    metafile: true,
    logLevel: 'silent',
  };
}

/** Builds `entry` for `target` into `outFile`; returns the bundle's module ids. */
export async function bundle(o) {
  const result = await build(esbuildOptions(o));
  // metafile paths are relative to esbuild's working directory (process.cwd()).
  return { file: o.outFile, modules: Object.keys(result.metafile.inputs).map((p) => resolve(p)) };
}

// ---- command line: `node build.mjs <target>` or `node build.mjs all` (every preset) ----------
/** The program for `target`: ./program/ in a copied project, ../program/ in the shimkit repository. */
function programFor(target) {
  const here = (p) => fileURLToPath(new URL(p, import.meta.url));
  const dir = existsSync(here('program')) ? here('program') : here('../program');
  return join(dir, preset(target).program === 'component' ? 'component.js' : 'main.js');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv[2];
  if (arg !== 'all' && !isTarget(arg)) {
    console.error(`usage: node build.mjs <target>|all; targets: ${TARGETS.join(', ')}`);
    process.exit(2);
  }
  const root = fileURLToPath(new URL('.', import.meta.url));
  for (const target of arg === 'all' ? TARGETS : [arg]) {
    const { file } = await bundle({ target, entry: programFor(target), outFile: join(root, 'dist', `${target}.mjs`), root });
    console.log(`built ${file}`);
  }
}

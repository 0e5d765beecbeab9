// esbuild: the alias as a plugin (esbuild's own `alias` option would also rewrite the shim's
// subpaths, which every backend imports).
import { esbuildAlias } from '@shimkit/os-shim/alias';
import { build } from 'esbuild';
import { resolve } from 'node:path';

/** @param {{ target: 'unix' | 'xen' | 'solo5' | 'wasi', entry: string, outFile: string }} o */
export function esbuildOptions({ target, entry, outFile }) {
  return {
    entryPoints: [entry],
    outfile: outFile,
    bundle: true,
    format: 'esm',
    platform: target === 'unix' ? 'node' : 'neutral',
    mainFields: ['module', 'main'],
    conditions: [],
    target: 'es2022',
    external: target === 'wasi' ? ['wasi:*'] : [],
    plugins: [esbuildAlias(target)],
    metafile: true,
    logLevel: 'silent',
  };
}

export async function bundle(o) {
  const result = await build(esbuildOptions(o));
  // metafile paths are relative to esbuild's working directory (process.cwd()).
  return { file: o.outFile, modules: Object.keys(result.metafile.inputs).map((p) => resolve(p)) };
}

// `node build.mjs <target>`: bundles the example program (main.js; component.js for wasi) into
// dist/<target>.mjs. The program is ./program/ in a copied project, ../program/ in the repository.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { fileURLToPath } = await import('node:url');
  const { existsSync } = await import('node:fs');
  const target = process.argv[2];
  if (!['unix', 'xen', 'solo5', 'wasi'].includes(target)) throw new Error('usage: node build.mjs unix|xen|solo5|wasi');
  const here = (p) => fileURLToPath(new URL(p, import.meta.url));
  const dir = existsSync(here('program')) ? 'program' : '../program';
  const entry = here(`${dir}/${target === 'wasi' ? 'component' : 'main'}.js`);
  const { file } = await bundle({ target, entry, outFile: here(`dist/${target}.mjs`), root: here('.') });
  console.log(`built ${file}`);
}

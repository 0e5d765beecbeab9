// esbuild: the alias as a plugin (esbuild's own `alias` option would also rewrite the shim's
// subpaths, which every backend imports).
import { esbuildAlias } from '@shimkit/os-shim/alias';
import { build } from 'esbuild';

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
  return { file: o.outFile, modules: Object.keys(result.metafile.inputs) };
}

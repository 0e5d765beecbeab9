// esbuild: the alias as a plugin (esbuild's own `alias` option would also rewrite the shim's
// subpaths, which every backend imports).
import { esbuildAlias } from '@shimkit/os-shim/alias';
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { runCli } from '../cli.mjs';

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

await runCli(import.meta.url, bundle);

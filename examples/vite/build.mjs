// vite (library mode): the same alias data, as `resolve.alias`. unix builds in SSR mode (Node
// target) with every dependency bundled; the other targets are plain ES library builds.
import { viteAlias } from '@shimkit/os-shim/alias';
import { basename, dirname } from 'node:path';
import { build } from 'vite';
import { runCli } from '../cli.mjs';

/** @param {{ target: 'unix' | 'xen' | 'solo5' | 'wasi', entry: string, outFile: string, root: string }} o */
export function viteConfig({ target, entry, outFile, root }) {
  return {
    configFile: false,
    root,
    logLevel: 'silent',
    resolve: { alias: viteAlias(target) },
    ssr: target === 'unix' ? { target: 'node', noExternal: true } : undefined,
    build: {
      ssr: target === 'unix' ? entry : undefined,
      lib: target === 'unix' ? undefined : { entry, formats: ['es'], fileName: () => basename(outFile) },
      outDir: dirname(outFile),
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      rollupOptions: {
        input: entry,
        external: target === 'wasi' ? [/^wasi:/] : [],
        output: { entryFileNames: basename(outFile), inlineDynamicImports: true },
      },
    },
  };
}

export async function bundle(o) {
  const result = await build(viteConfig(o));
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((r) => r.output).find((c) => c.type === 'chunk' && c.isEntry);
  const modules = chunk.moduleIds ?? Object.keys(chunk.modules);
  return { file: o.outFile, modules };
}

await runCli(import.meta.url, bundle);

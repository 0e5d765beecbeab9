// vite (library mode): the same alias data, as `resolve.alias`. unix builds in SSR mode (Node
// target) with every dependency bundled; the other targets are plain ES library builds.
import { viteAlias } from '@shimkit/os-shim/alias';
import { basename, dirname } from 'node:path';
import { build } from 'vite';

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

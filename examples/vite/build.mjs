// vite (library mode): the alias as `resolve.alias`, every other rule read from the target's preset
// (@shimkit/os-shim/presets). A `node` platform builds in SSR mode (Node target) with every
// dependency bundled; the others (`browser`, `neutral`) are plain ES library builds resolved with
// the preset's conditions. Self-contained: copy this folder
// (with ../program) and run `node build.mjs xen`.
import { viteAlias } from '@shimkit/os-shim/alias';
import { isExternal, isTarget, preset, TARGETS } from '@shimkit/os-shim/presets';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

/** @param {{ target: import('@shimkit/os-shim/presets').TargetName, entry: string, outFile: string, root: string }} o */
export function viteConfig({ target, entry, outFile, root }) {
  const p = preset(target);
  const node = p.platform === 'node';
  return {
    configFile: false,
    root,
    logLevel: 'silent',
    // Library builds resolve with the preset's conditions (vite's own client defaults would add
    // `browser` to every target); SSR keeps vite's Node conditions.
    resolve: {
      alias: viteAlias(target),
      ...(node ? {} : { conditions: [...p.conditions, 'module'], mainFields: p.platform === 'browser' ? ['browser', 'module', 'main'] : ['module', 'main'] }),
    },
    ssr: node ? { target: 'node', noExternal: true } : undefined,
    build: {
      ssr: node ? entry : undefined,
      lib: node ? undefined : { entry, formats: ['es'], fileName: () => basename(outFile) },
      outDir: dirname(outFile),
      emptyOutDir: false,
      minify: false,
      target: 'es2022',
      rolldownOptions: {
        input: entry,
        external: (id) => isExternal(target, id),
        output: { entryFileNames: basename(outFile), codeSplitting: false },
      },
    },
  };
}

/** Builds `entry` for `target` into `outFile`; returns the bundle's module ids. */
export async function bundle(o) {
  const result = await build(viteConfig(o));
  const outputs = Array.isArray(result) ? result : [result];
  const chunk = outputs.flatMap((r) => r.output).find((c) => c.type === 'chunk' && c.isEntry);
  const modules = chunk.moduleIds ?? Object.keys(chunk.modules);
  return { file: o.outFile, modules };
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

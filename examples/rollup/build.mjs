// rollup + @rollup/plugin-alias: one bundle per target. This is the configuration the root
// README's "Choose your target" section shows.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { rollup } from 'rollup';

/** @param {{ target: 'unix' | 'xen' | 'solo5' | 'wasi', entry: string, outFile: string }} o */
export function rollupConfig({ target, entry, outFile }) {
  return {
    input: entry,
    output: { file: outFile, format: 'es', inlineDynamicImports: true },
    // unix: Node built-ins stay imports; wasi: the component host provides the wasi:* imports.
    external: target === 'unix' ? [/^node:/] : target === 'wasi' ? [/^wasi:/] : [],
    plugins: [
      alias(rollupAlias(target)),
      nodeResolve({ exportConditions: target === 'unix' ? ['node'] : [], preferBuiltins: target === 'unix' }),
    ],
  };
}

export async function bundle(o) {
  const { output: outputOptions, ...input } = rollupConfig(o);
  const build = await rollup({ ...input, logLevel: 'silent' });
  const { output } = await build.write(outputOptions);
  await build.close();
  return { file: o.outFile, modules: Object.keys(output[0].modules) };
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

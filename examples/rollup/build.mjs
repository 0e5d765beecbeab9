// rollup + @rollup/plugin-alias: one bundle per target. This is the configuration the root
// README's "Choose your target" section shows.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { rollup } from 'rollup';
import { runCli } from '../cli.mjs';

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

await runCli(import.meta.url, bundle);

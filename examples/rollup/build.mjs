// rollup + @rollup/plugin-alias: one bundle per target, every rule read from the target's preset
// (@shimkit/os-shim/presets). This is the configuration the root README's "Choose your target"
// section shows. Self-contained: copy this folder (with ../program) and run `node build.mjs xen`.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { isExternal, isTarget, preset, TARGETS } from '@shimkit/os-shim/presets';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rollup } from 'rollup';

/** @param {{ target: import('@shimkit/os-shim/presets').TargetName, entry: string, outFile: string }} o */
export function rollupConfig({ target, entry, outFile }) {
  const p = preset(target);
  return {
    input: entry,
    output: { file: outFile, format: 'es', inlineDynamicImports: true },
    // What the host provides stays an import (node:* on Node, wasi:* in a component); the rest is inlined.
    external: (id) => isExternal(target, id),
    plugins: [
      alias(rollupAlias(target)),
      nodeResolve({ exportConditions: [...p.conditions], browser: p.platform === 'browser', preferBuiltins: p.platform === 'node' }),
    ],
  };
}

/** Builds `entry` for `target` into `outFile`; returns the bundle's module ids. */
export async function bundle(o) {
  const { output: outputOptions, ...input } = rollupConfig(o);
  const build = await rollup({ ...input, logLevel: 'silent' });
  const { output } = await build.write(outputOptions);
  await build.close();
  return { file: o.outFile, modules: Object.keys(output[0].modules) };
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

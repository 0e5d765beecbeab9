// webpack 5: the alias as `resolve.alias` (exact match), ES module output.
import { webpackAlias } from '@shimkit/os-shim/alias';
import { basename, dirname } from 'node:path';
import TerserPlugin from 'terser-webpack-plugin';
import webpack from 'webpack';

/** @param {{ target: 'unix' | 'xen' | 'solo5' | 'wasi', entry: string, outFile: string }} o */
export function webpackConfig({ target, entry, outFile }) {
  return {
    mode: 'production',
    entry,
    target: target === 'unix' ? 'node20' : 'es2022',
    experiments: { outputModule: true },
    output: { path: dirname(outFile), filename: basename(outFile), module: true, chunkFormat: 'module', library: { type: 'module' } },
    resolve: { alias: webpackAlias(target), conditionNames: target === 'unix' ? ['node', 'import', 'default'] : ['import', 'default'] },
    // unix: leave os-unix's `createRequire(import.meta.url)` to Node, so it loads its native addon
    // (and node-gyp-build) from the installed package at run time instead of bundling them.
    module: target === 'unix' ? { parser: { javascript: { createRequire: false } } } : {},
    externalsType: 'module',
    externals: target === 'wasi' ? [({ request }, cb) => (request.startsWith('wasi:') ? cb(null, request) : cb())] : [],
    // Unused exports are only dropped by the minimizer: keep it on (readable: no mangling, beautified),
    // so a unikernel bundle holds no dead code that names Node or Web APIs.
    optimization: {
      minimize: true,
      minimizer: [new TerserPlugin({ extractComments: false, terserOptions: { mangle: false, format: { beautify: true, comments: false } } })],
      splitChunks: false,
      runtimeChunk: false,
    },
    devtool: false,
    performance: { hints: false },
  };
}

export function bundle(o) {
  return new Promise((resolve, reject) => {
    webpack(webpackConfig(o), (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      const modules = stats.toJson({ all: false, modules: true, nestedModules: true }).modules.flatMap((m) => [m, ...(m.modules ?? [])]);
      resolve({ file: o.outFile, modules: modules.map((m) => m.nameForCondition ?? m.identifier).filter(Boolean) });
    });
  });
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

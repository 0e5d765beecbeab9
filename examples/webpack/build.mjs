// webpack 5: the alias as `resolve.alias` (exact match), ES module output.
import { webpackAlias } from '@shimkit/os-shim/alias';
import { basename, dirname } from 'node:path';
import TerserPlugin from 'terser-webpack-plugin';
import webpack from 'webpack';
import { runCli } from '../cli.mjs';

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

await runCli(import.meta.url, bundle);

// webpack 5: the alias as `resolve.alias` (exact match), ES module output; target, conditions and
// externals read from the target's preset (@shimkit/os-shim/presets). Self-contained: copy this
// folder (with ../program) and run `node build.mjs xen`.
import { webpackAlias } from '@shimkit/os-shim/alias';
import { isExternal, isTarget, preset, TARGETS } from '@shimkit/os-shim/presets';
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import TerserPlugin from 'terser-webpack-plugin';
import webpack from 'webpack';

/**
 * webpack's `target` for each preset platform: Node 20; a browser (Web APIs, ES2022); or nothing
 * but ES2022 (`neutral`: a unikernel's engine).
 * @type {Record<import('@shimkit/os-shim/presets').Platform, string | string[]>}
 */
const WEBPACK_TARGET = { node: 'node20', browser: ['web', 'es2022'], neutral: 'es2022' };

/** @param {{ target: import('@shimkit/os-shim/presets').TargetName, entry: string, outFile: string }} o */
export function webpackConfig({ target, entry, outFile }) {
  const p = preset(target);
  const node = p.platform === 'node';
  return {
    mode: 'production',
    entry,
    target: WEBPACK_TARGET[p.platform],
    experiments: { outputModule: true },
    output: { path: dirname(outFile), filename: basename(outFile), module: true, chunkFormat: 'module', library: { type: 'module' } },
    resolve: { alias: webpackAlias(target), conditionNames: [...p.conditions, 'import', 'default'] },
    // Node: leave os-unix's `createRequire(import.meta.url)` to Node, so it loads its native addon
    // (and node-gyp-build) from the installed package at run time instead of bundling them.
    module: node ? { parser: { javascript: { createRequire: false } } } : {},
    externalsType: 'module',
    externals: [({ request }, cb) => (request && isExternal(target, request) ? cb(null, request) : cb())],
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

/** Builds `entry` for `target` into `outFile`; returns the bundle's module ids. */
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

/**
 * Link-time backend selection for bundlers.
 *
 * Which module implements `@shimkit/os-shim` for a target is data, in the presets
 * (`./presets.ts`); the functions below only reshape a preset for each bundler. Only the bare
 * specifier `@shimkit/os-shim` is replaced: its subpaths (`/errors`, `/validate`, ...) are shared
 * code every backend itself imports, so they must keep resolving to this package. The rest of a
 * preset (conditions, externals, platform) is read from `@shimkit/os-shim/presets` directly;
 * `examples/*\/build.mjs` show it for each bundler.
 *
 * ```js
 * // rollup.config.js
 * import alias from '@rollup/plugin-alias';
 * import { rollupAlias } from '@shimkit/os-shim/alias';
 * export default { plugins: [alias(rollupAlias('xen')), nodeResolve()] };
 * ```
 */

import { preset, type TargetName } from './presets.js';

export { TARGETS } from './presets.js';

/** The specifier that libraries import and that the alias replaces. */
export const SHIM_SPECIFIER = '@shimkit/os-shim';

/**
 * The module that implements the shim for `target` (its preset's `module`).
 *
 * @throws ShimkitRangeError (`code: 'ERR_OUT_OF_RANGE'`) for an unknown target.
 * @example
 * ```js
 * backendFor('wasi'); // '@shimkit/os-unix/wasi'
 * ```
 */
export function backendFor(target: TargetName): string {
  return preset(target).module;
}

/** Matches exactly `@shimkit/os-shim`, not its subpaths. */
const EXACT = /^@shimkit\/os-shim$/;

/** Options for `@rollup/plugin-alias`: `alias(rollupAlias('unix'))`. */
export function rollupAlias(target: TargetName): { entries: { find: RegExp; replacement: string }[] } {
  return { entries: [{ find: EXACT, replacement: backendFor(target) }] };
}

/** The `resolve.alias` array for vite (and vitest): `{ resolve: { alias: viteAlias('unix') } }`. */
export function viteAlias(target: TargetName): { find: RegExp; replacement: string }[] {
  return [{ find: EXACT, replacement: backendFor(target) }];
}

/** The `resolve.alias` object for webpack; the trailing `$` makes webpack match exactly. */
export function webpackAlias(target: TargetName): Record<string, string> {
  return { [`${SHIM_SPECIFIER}$`]: backendFor(target) };
}

/** The shape of an esbuild plugin, declared here so this package does not depend on esbuild. */
export interface EsbuildPluginLike {
  name: string;
  setup(build: {
    onResolve(
      options: { filter: RegExp },
      callback: (args: { path: string; importer: string; resolveDir: string; kind: string }) => unknown,
    ): void;
    resolve(path: string, options: { importer?: string; resolveDir?: string; kind?: string }): Promise<unknown>;
  }): void;
}

/**
 * An esbuild plugin: `plugins: [esbuildAlias('unix')]`. esbuild's own `alias` option also
 * rewrites subpaths (`@shimkit/os-shim/errors` → `<backend>/errors`), which is wrong here, so
 * the exact match is done in a resolve hook instead.
 */
export function esbuildAlias(target: TargetName): EsbuildPluginLike {
  const replacement = backendFor(target);
  return {
    name: `shimkit-os-${target}`,
    setup(build) {
      build.onResolve({ filter: EXACT }, (args) =>
        build.resolve(replacement, { importer: args.importer, resolveDir: args.resolveDir, kind: args.kind }),
      );
    },
  };
}

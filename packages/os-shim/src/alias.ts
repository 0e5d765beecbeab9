/**
 * Link-time backend selection for bundlers.
 *
 * The mapping from a target to the module that implements `@shimkit/os-shim` is defined once,
 * as data (`BACKEND_PACKAGES`); the functions below only reshape it for each bundler. Only the
 * bare specifier `@shimkit/os-shim` is replaced: its subpaths (`/errors`, `/validate`, ...) are
 * shared code every backend itself imports, so they must keep resolving to this package.
 *
 * ```js
 * // rollup.config.js
 * import alias from '@rollup/plugin-alias';
 * import { rollupAlias } from '@shimkit/os-shim/alias';
 * export default { plugins: [alias(rollupAlias('xen')), nodeResolve()] };
 * ```
 */

import type { BackendName } from './contract.js';
import { BACKEND_PACKAGES } from './errors.js';
import { ShimkitRangeError } from './errors.js';

/** The specifier that libraries import and that the alias replaces. */
export const SHIM_SPECIFIER = '@shimkit/os-shim';

/** Every target a program can be linked for. */
export const TARGETS = Object.freeze(Object.keys(BACKEND_PACKAGES) as BackendName[]);

/** The module that implements the shim for `target` (throws RangeError for an unknown target). */
export function backendFor(target: BackendName): string {
  if (!Object.prototype.hasOwnProperty.call(BACKEND_PACKAGES, target)) {
    throw new ShimkitRangeError(`unknown target ${JSON.stringify(target)}; expected one of ${TARGETS.join(', ')}`);
  }
  return BACKEND_PACKAGES[target];
}

/** Matches exactly `@shimkit/os-shim`, not its subpaths. */
const EXACT = /^@shimkit\/os-shim$/;

/** Options for `@rollup/plugin-alias`: `alias(rollupAlias('unix'))`. */
export function rollupAlias(target: BackendName): { entries: { find: RegExp; replacement: string }[] } {
  return { entries: [{ find: EXACT, replacement: backendFor(target) }] };
}

/** The `resolve.alias` array for vite (and vitest): `{ resolve: { alias: viteAlias('unix') } }`. */
export function viteAlias(target: BackendName): { find: RegExp; replacement: string }[] {
  return [{ find: EXACT, replacement: backendFor(target) }];
}

/** The `resolve.alias` object for webpack; the trailing `$` makes webpack match exactly. */
export function webpackAlias(target: BackendName): Record<string, string> {
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
export function esbuildAlias(target: BackendName): EsbuildPluginLike {
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

/**
 * The test matrix: one vitest project per shared package, and one (or, for unix, two) per link
 * preset of `@shimkit/os-shim` — the backend projects are derived from the presets, so a new
 * target gets its project (`packages/os-<name>`, named after the target) from its preset entry.
 * CI runs each project as one matrix cell (`npx vitest run --project <name>`; the cells are read
 * from this file by `.ci/projects.mjs`); package `test` scripts run their own projects through
 * this file, so there is one definition of each.
 *
 * The presets and alias helper are imported from os-shim's TypeScript source (vitest's config
 * loader compiles it), so running tests needs no prior build.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { viteAlias } from './packages/os-shim/src/alias.js';
import { type Preset, PRESETS } from './packages/os-shim/src/presets.js';

/** Absolute, so package scripts (run from the package directory) resolve the same roots. */
const pkg = (name: string): string => fileURLToPath(new URL(`./packages/${name}`, import.meta.url));

/**
 * The projects that test one preset's backend. By default: the preset's package folder
 * (`@shimkit/os-web` → `packages/os-web`), all its `src/**\/*.test.ts`, named after the target.
 */
function backendProjects(p: Preset): TestProjectInlineConfiguration[] {
  const include = ['src/**/*.test.ts'];
  switch (p.name) {
    case 'unix':
      // Both paths of os-unix: the native addon, and the pure-JS fallback (addon switched off).
      return [
        { test: { name: 'unix-native', root: pkg('os-unix'), include, env: { SHIMKIT_NO_ADDON: '' }, testTimeout: 30_000 } },
        { test: { name: 'unix-fallback', root: pkg('os-unix'), include, env: { SHIMKIT_NO_ADDON: '1' }, testTimeout: 30_000 } },
      ];
    case 'wasi':
      // The WASI build of os-unix, run as a component (ComponentizeJS) in jco's preview2-shim host.
      return [{ test: { name: 'wasi', root: pkg('wasi-component'), include, testTimeout: 120_000 } }];
    default:
      return [{ test: { name: p.name, root: pkg(p.package.replace(/^@shimkit\//, '')), include, testTimeout: 60_000 } }];
  }
}

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'os-shim', root: pkg('os-shim'), include: ['src/**/*.test.ts'] } },
      ...PRESETS.flatMap(backendProjects),
      {
        // The entropy library, linked to the unix backend the way a user's bundler links it.
        resolve: { alias: viteAlias('unix') },
        test: { name: 'entropy', root: pkg('entropy'), include: ['src/**/*.test.ts'], testTimeout: 60_000 },
      },
      { test: { name: 'os-unikernel', root: pkg('os-unikernel'), include: ['src/**/*.test.ts'] } },
      {
        // Every example project × every preset, installed from the packed tarballs (see examples/README.md).
        test: {
          name: 'examples',
          root: fileURLToPath(new URL('./examples', import.meta.url)),
          include: ['src/**/*.test.ts'],
          globalSetup: ['./src/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});

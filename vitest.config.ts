/**
 * The test matrix: one vitest project per shared package, one (`docs`) for the documentation's
 * links, and one (or, for unix, two) per link preset of `@shimkit/os-shim` — the backend
 * projects are derived from the presets, so a new
 * target gets its project (`packages/os-<name>`, named after the target) from its preset entry.
 * CI runs each project as one matrix cell (`npx vitest run --project <name>`; the cells are read
 * from this file by `.ci/projects.mjs`); package `test` scripts run their own projects through
 * this file, so there is one definition of each.
 *
 * Running tests needs no prior build (`npm ci`, then `npx vitest run` anywhere):
 * - the presets are imported from os-shim's TypeScript source (vitest's config loader compiles it);
 * - in the package projects, every `@shimkit/<pkg>[/<subpath>]` import resolves to the TypeScript
 *   source its `dist/` file is built from (`workspaceSources`), as firestore's and vercel/ai's
 *   test setups do; a subpath with its own conditions (os-shim's `.`, which Node resolves to a
 *   backend) keeps Node's resolution, which then lands on a source file in turn;
 * - `npx vitest run` inside a package directory runs that package's projects only (`scoped`);
 * - tests that start Node on a built package find it built: in a fresh checkout, the package
 *   projects' global setup (`vitest.ensure-built.ts`) runs the build once.
 * The `examples` project is the exception: it packs and installs the built packages, so it needs
 * the build (`turbo run test` builds first).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { backendFor, viteAlias } from './packages/os-shim/src/alias.js';
import { type Preset, PRESETS } from './packages/os-shim/src/presets.js';

/** Absolute, so package scripts (run from the package directory) resolve the same roots. */
const pkg = (name: string): string => fileURLToPath(new URL(`./packages/${name}`, import.meta.url));
const PACKAGES = fileURLToPath(new URL('./packages', import.meta.url));

type Alias = { find: RegExp; replacement: string };

/** A RegExp matching exactly `specifier` (package names hold `/`, `.`, `-`, `@`). */
function exactly(specifier: string): RegExp {
  return new RegExp(`^${specifier.replace(/[.\\/+*?^$()[\]{}|]/g, (c) => `\\${c}`)}$`);
}

/**
 * `@shimkit/<pkg>[/<subpath>]` → `packages/<pkg>/src/<file>.ts`, for every export whose target is
 * `./dist/<file>.js` (with no conditions besides `types` and `default`) and whose source exists.
 */
function workspaceSources(): Alias[] {
  const aliases: Alias[] = [];
  for (const dir of readdirSync(PACKAGES)) {
    const manifestFile = join(PACKAGES, dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; exports?: Record<string, string | Record<string, string>> };
    if (manifest.name === undefined || !manifest.name.startsWith('@shimkit/')) continue;
    for (const [subpath, entry] of Object.entries(manifest.exports ?? {})) {
      if (typeof entry !== 'string' && Object.keys(entry).some((k) => k !== 'types' && k !== 'default')) continue;
      const built = /^\.\/dist\/(.+)\.js$/.exec(typeof entry === 'string' ? entry : (entry.default ?? ''));
      if (built === null) continue;
      const source = join(PACKAGES, dir, 'src', `${built[1]}.ts`);
      if (!existsSync(source)) continue;
      const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
      aliases.push({ find: exactly(specifier), replacement: source });
    }
  }
  return aliases;
}

const SOURCES = workspaceSources();

/**
 * The executors' on-disk cache (Python snapshots) of a test run: inside `node_modules/.cache`,
 * never the user's `~/.cache`, unless the caller chose one. Set here, so the test workers and
 * every process they spawn inherit it; tests of the cache itself use their own temp directories.
 */
process.env['SHIMKIT_CACHE_DIR'] ||= fileURLToPath(new URL('./node_modules/.cache/shimkit/executors', import.meta.url));

/** Builds the workspace first when a package's `dist/` is missing (a fresh checkout); see the file. */
const globalSetup = [fileURLToPath(new URL('./vitest.ensure-built.ts', import.meta.url))];

/** The source file `specifier` resolves to in the package projects. */
function sourceOf(specifier: string): string {
  const hit = SOURCES.find((a) => a.find.test(specifier));
  if (hit === undefined) throw new Error(`vitest.config.ts: no source for ${specifier}`);
  return hit.replacement;
}

/**
 * `@shimkit/os-shim` linked to `target` as a bundler links it (the alias of
 * `@shimkit/os-shim/alias`, pointed at the backend's source), then the workspace sources.
 */
function linkedTo(target: Preset['name']): Alias[] {
  return [{ find: /^@shimkit\/os-shim$/, replacement: sourceOf(backendFor(target as never)) }, ...SOURCES];
}

/**
 * Run from inside a project's root (`cd packages/entropy && npx vitest run`), only the projects
 * rooted there; from the repository root, all of them.
 */
function scoped(projects: TestProjectInlineConfiguration[]): TestProjectInlineConfiguration[] {
  const cwd = process.cwd();
  const inside = (root: string): boolean => {
    const rel = relative(root, cwd);
    return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !rel.includes(`..${sep}`));
  };
  const here = projects.filter((p) => typeof p.test?.root === 'string' && inside(p.test.root));
  return here.length > 0 ? here : projects;
}

/**
 * The projects that test one preset's backend. By default: the preset's package folder
 * (`@shimkit/os-web` → `packages/os-web`), all its `src/**\/*.test.ts`, named after the target.
 */
function backendProjects(p: Preset): TestProjectInlineConfiguration[] {
  const include = ['src/**/*.test.ts'];
  const resolve = { alias: SOURCES };
  switch (p.name) {
    case 'unix':
      // Both paths of os-unix: the native addon, and the pure-JS fallback (addon switched off).
      return [
        { resolve, test: { name: 'unix-native', root: pkg('os-unix'), include, globalSetup, env: { SHIMKIT_NO_ADDON: '' }, testTimeout: 30_000 } },
        { resolve, test: { name: 'unix-fallback', root: pkg('os-unix'), include, globalSetup, env: { SHIMKIT_NO_ADDON: '1' }, testTimeout: 30_000 } },
      ];
    case 'wasi':
      // The WASI build of os-unix, run as a component (ComponentizeJS) in jco's preview2-shim host.
      return [{ resolve, test: { name: 'wasi', root: pkg('wasi-component'), include, globalSetup, testTimeout: 120_000 } }];
    default:
      return [{ resolve, test: { name: p.name, root: pkg(p.package.replace(/^@shimkit\//, '')), include, globalSetup, testTimeout: 60_000 } }];
  }
}

export default defineConfig({
  test: {
    projects: scoped([
      { resolve: { alias: SOURCES }, test: { name: 'os-shim', root: pkg('os-shim'), include: ['src/**/*.test.ts'], globalSetup } },
      ...PRESETS.flatMap(backendProjects),
      {
        // The entropy library, linked to the unix backend the way a user's bundler links it.
        resolve: { alias: linkedTo('unix') },
        test: { name: 'entropy', root: pkg('entropy'), include: ['src/**/*.test.ts'], globalSetup, testTimeout: 60_000 },
      },
      {
        // The shimkit command line, run as its built binary (tests spawn dist/bin.js).
        test: { name: 'cli', root: pkg('cli'), include: ['src/**/*.test.ts'], globalSetup, testTimeout: 300_000 },
      },
      { resolve: { alias: SOURCES }, test: { name: 'os-unikernel', root: pkg('os-unikernel'), include: ['src/**/*.test.ts'], globalSetup } },
      {
        // The documentation: every relative link in the READMEs and docs pages resolves (no build needed).
        test: { name: 'docs', root: fileURLToPath(new URL('./docs', import.meta.url)), include: ['**/*.test.ts'] },
      },
      {
        // Function executors: the model, builtins, our WASI host and the wasm executor (real C and
        // WAT modules, built by the project's own global setup). Linked to the unix backend as a
        // user's bundler links it; worker threads load the built package.
        resolve: { alias: viteAlias('unix') },
        test: {
          name: 'executors',
          root: pkg('executors'),
          include: ['src/**/*.test.ts'],
          globalSetup: [...globalSetup, './test/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      // os-web inside the real runtimes (packages/web-runtimes): one project per runtime, each
      // running the bundles a user would ship (built from the packages' dist/).
      ...(['chromium', 'deno', 'bun', 'workerd'] as const).map((runtime) => ({
        test: {
          name: `web-${runtime}`,
          root: pkg('web-runtimes'),
          include: [`src/${runtime}.test.ts`],
          globalSetup: [...globalSetup, './src/host/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      })),
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
    ]),
  },
});

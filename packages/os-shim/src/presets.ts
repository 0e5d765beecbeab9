/**
 * Link presets: every target a shimkit program can be linked for, written once, as data.
 *
 * A preset says which module replaces `@shimkit/os-shim` for a target, which package provides it,
 * which package-export conditions pick it without a bundler, what the bundle may leave as imports
 * for its host, what the bundle may assume of its runtime, and which host runs it. Everything that
 * used to spell the backend list out is derived from this table: the bundler helpers in
 * `./alias.ts`, the `NoBackendError` text, the `exports` conditions and `linked/*.js` of this
 * package (checked against the table by `presets.test.ts`, rewritten by
 * `scripts/sync-presets.mjs`), the example projects' build rules, and the test matrix.
 *
 * The model is unjs/unenv's `src/presets/*` (an environment described as alias, inject,
 * external and polyfill data that rollup, esbuild, vite and webpack configurations are built
 * from), narrowed to what linking an OS backend needs.
 *
 * @example
 * ```js
 * import { preset, PRESETS } from '@shimkit/os-shim/presets';
 * preset('xen').module;          // '@shimkit/os-xen'
 * PRESETS.map((p) => p.name);    // ['unix', 'xen', 'solo5', 'wasi', 'web']
 * ```
 */

import { ShimkitRangeError } from './errors.js';

/**
 * What the bundle may assume of its runtime, in esbuild's terms: `node` — Node's built-in
 * modules (`node:*`) and globals; `neutral` — nothing but the language and what `external` names.
 */
export type Platform = 'node' | 'neutral' | 'browser';

/**
 * The host that runs a bundle of this target:
 * - `node` — Node.js itself;
 * - `xen-abi` — a JavaScript engine embedded in a Xen PV guest, given the Xen host ABI object
 *   (`packages/os-xen`); no Node or Web API;
 * - `solo5-abi` — a JavaScript engine embedded in a Solo5 unikernel, given the Solo5 host ABI
 *   object (`packages/os-solo5`); no Node or Web API;
 * - `wasi-component` — a WebAssembly component (WASI 0.2) made from the bundle by ComponentizeJS;
 * - `web` — a runtime with Web Crypto and High Resolution Time: a browser page or worker, Deno,
 *   Bun, Cloudflare workerd (tested in Chromium, Deno, Bun and workerd, `packages/web-runtimes`).
 */
export type HostKind = 'node' | 'xen-abi' | 'solo5-abi' | 'wasi-component' | 'web';

/**
 * How the host runs the bundle: `main` — it evaluates the module for its effects (a program);
 * `component` — it calls the module's exports, as a WebAssembly component's world declares them.
 */
export type ProgramKind = 'main' | 'component';

/** One target, as data. */
export interface Preset {
  /** The target's name: what `os.name` reports and what the helpers take. */
  readonly name: string;
  /** One line saying what the target is. */
  readonly description: string;
  /** The module specifier that replaces `@shimkit/os-shim` in a program linked for this target. */
  readonly module: string;
  /** The npm package that provides `module` (what a project installs to link this target). */
  readonly package: string;
  /**
   * Package-export conditions that select this target without a bundler (`node --conditions=xen`,
   * TypeScript `customConditions`); bundlers resolve the program's other packages with the same
   * conditions. Unique across presets.
   */
  readonly conditions: readonly string[];
  /**
   * Import-specifier prefixes that the host provides and the bundle keeps as imports
   * (`node:` on Node, `wasi:` in a WASI component). Empty: the bundle imports nothing.
   */
  readonly external: readonly string[];
  /** What the bundle may assume of its runtime; see `Platform`. */
  readonly platform: Platform;
  /** The host that runs the bundle; see `HostKind`. */
  readonly host: HostKind;
  /** How the host runs the bundle; see `ProgramKind`. */
  readonly program: ProgramKind;
}

/**
 * The presets. Order is the order in which targets are listed (messages, tables); it does not
 * affect resolution (see `exportConditions`).
 */
export const PRESETS = Object.freeze([
  {
    name: 'unix',
    description: 'Node.js on Linux or macOS: native addon (cycle counter, RDRAND/RDSEED, getrandom) or a pure-JS fallback',
    module: '@shimkit/os-unix',
    package: '@shimkit/os-unix',
    conditions: ['node'],
    external: ['node:'],
    platform: 'node',
    host: 'node',
    program: 'main',
  },
  {
    name: 'xen',
    description: 'a JavaScript engine in a Xen PV guest: pvclock time, event-channel loop, no OS RNG',
    module: '@shimkit/os-xen',
    package: '@shimkit/os-xen',
    conditions: ['xen'],
    external: [],
    platform: 'neutral',
    host: 'xen-abi',
    program: 'main',
  },
  {
    name: 'solo5',
    description: 'a JavaScript engine in a Solo5 unikernel: solo5_clock_*, solo5_yield, no OS RNG',
    module: '@shimkit/os-solo5',
    package: '@shimkit/os-solo5',
    conditions: ['solo5'],
    external: [],
    platform: 'neutral',
    host: 'solo5-abi',
    program: 'main',
  },
  {
    name: 'wasi',
    description: 'a WebAssembly component (WASI 0.2): wasi:random, wasi:clocks',
    module: '@shimkit/os-unix/wasi',
    package: '@shimkit/os-unix',
    conditions: ['wasi'],
    external: ['wasi:'],
    platform: 'neutral',
    host: 'wasi-component',
    program: 'component',
  },
  {
    name: 'web',
    description: 'browsers (page and worker), Deno, Bun, Cloudflare workerd: Web Crypto, High Resolution Time, no CPU RNG',
    module: '@shimkit/os-web',
    package: '@shimkit/os-web',
    // Deno and Bun also set `node`: these are matched before it (see BROAD_CONDITIONS). The os-unix
    // addon kills both of their processes (packages/os-web/README.md), so they get os-web.
    conditions: ['web', 'workerd', 'deno', 'bun', 'worker', 'browser'],
    external: [],
    platform: 'browser',
    host: 'web',
    program: 'main',
  },
] as const satisfies readonly Preset[]);

/** The name of a target that has a preset: `'unix' | 'xen' | 'solo5' | 'wasi' | 'web'`. */
export type TargetName = (typeof PRESETS)[number]['name'];

/** Every target a program can be linked for, in preset order. */
export const TARGETS: readonly TargetName[] = Object.freeze(PRESETS.map((p) => p.name));

/** True when `name` is the name of a preset (own names only: `'toString'` is not a target). */
export function isTarget(name: unknown): name is TargetName {
  return typeof name === 'string' && (TARGETS as readonly string[]).includes(name);
}

/**
 * The preset of `target`.
 *
 * @throws ShimkitRangeError (`code: 'ERR_OUT_OF_RANGE'`) when `target` is not a preset's name;
 *   the message lists the targets.
 * @example
 * ```js
 * preset('wasi').external; // ['wasi:']
 * ```
 */
export function preset(target: TargetName): Preset {
  const found = PRESETS.find((p) => p.name === (target as unknown));
  if (found === undefined) {
    throw new ShimkitRangeError(`unknown target ${JSON.stringify(target)}; expected one of ${TARGETS.join(', ')}`);
  }
  return found;
}

/**
 * Conditions that runtimes other than plain Node also set (Bun and Deno set `node`; Node sets it
 * next to any `--conditions=` given). A preset that claims one must be matched after every other
 * preset, so `node --conditions=xen` (and Bun or Deno, when their own target exists) pick theirs.
 */
const BROAD_CONDITIONS: readonly string[] = Object.freeze(['node']);

/**
 * The package-export conditions of `@shimkit/os-shim`'s `.` entry, in the order they must appear
 * (after `types`, before `default`): `[condition, target]` pairs. Each condition maps to
 * `./linked/<target>.js`, which re-exports `os` from the target's `module`.
 *
 * @example
 * ```js
 * exportConditions(); // [['xen','xen'], ['solo5','solo5'], ['wasi','wasi'], ['web','web'], …, ['browser','web'], ['node','unix']]
 * ```
 */
export function exportConditions(): [condition: string, target: TargetName][] {
  const pairs = PRESETS.flatMap((p) => p.conditions.map((c): [string, TargetName] => [c, p.name]));
  const broad = (c: string): number => (BROAD_CONDITIONS.includes(c) ? 1 : 0);
  return pairs.sort((a, b) => broad(a[0]) - broad(b[0]));
}

/**
 * The source of `linked/<target>.js`: the module Node loads for `@shimkit/os-shim` under the
 * target's conditions.
 */
export function linkedModuleSource(target: TargetName): string {
  const p = preset(target);
  return (
    `// Generated from src/presets.ts by scripts/sync-presets.mjs: do not edit.\n` +
    `// Node without a bundler, condition ${p.conditions.map((c) => `"${c}"`).join(' or ')}: @shimkit/os-shim resolves to the ${p.name} backend.\n` +
    `// (Bundlers replace the specifier with an alias instead; see ../README.md.)\n` +
    `export { os } from '${p.module}';\n`
  );
}

/** The packages that provide the presets' modules, each once, in preset order. */
export function backendPackages(): string[] {
  return [...new Set(PRESETS.map((p) => p.package))];
}

/**
 * True when `specifier` is one the host of `target` provides (it matches a prefix in the
 * preset's `external`), so a bundler must leave it as an import.
 *
 * @example
 * ```js
 * isExternal('wasi', 'wasi:random/random@0.2.0'); // true
 * isExternal('xen', 'node:crypto');               // false: a Xen bundle imports nothing
 * ```
 */
export function isExternal(target: TargetName, specifier: string): boolean {
  return preset(target).external.some((prefix) => specifier.startsWith(prefix));
}

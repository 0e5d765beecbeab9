/**
 * Where `shimkit targets` finds its inputs and keeps what it built.
 *
 * The program is the examples' (`examples/program/main.js`, or `component.js` for a preset whose
 * host runs a component) and the WIT world is `examples/wit/world.wit` with the WASI packages
 * that `packages/wasi-component/wit/deps` ships — read from this repository, since the CLI is
 * the repository's tour (the package is private). Built bundles and components go to
 * `$SHIMKIT_BUILD_CACHE_DIR`, by default `packages/cli/.cache/` (`$SHIMKIT_CACHE_DIR` is the executors' on-disk cache, another thing).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CliError } from '../exit-codes.js';

/** `packages/cli/` (this file is `dist/targets/paths.js` once built). */
export const CLI_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The repository root. */
export const REPO_DIR = join(CLI_DIR, '..', '..');

/** The build cache directory: `$SHIMKIT_BUILD_CACHE_DIR` or `packages/cli/.cache`. */
export function cacheDir(): string {
  return process.env.SHIMKIT_BUILD_CACHE_DIR || join(CLI_DIR, '.cache');
}

/** The examples folder: `$SHIMKIT_EXAMPLES_DIR` or the repository's `examples/`. */
function examplesDir(): string {
  return process.env.SHIMKIT_EXAMPLES_DIR || join(REPO_DIR, 'examples');
}

/** The example program for a preset's `program` kind. */
export function programFile(kind: 'main' | 'component'): string {
  return required(join(examplesDir(), 'program', kind === 'component' ? 'component.js' : 'main.js'));
}

/** The WIT world file and the folder of the WASI packages it imports. */
export function witSources(): { world: string; deps: string } {
  return {
    world: required(join(examplesDir(), 'wit', 'world.wit')),
    deps: required(join(REPO_DIR, 'packages', 'wasi-component', 'wit', 'deps')),
  };
}

/** `file`, or a missing-file error (exit code 4) naming it. */
export function required(file: string): string {
  if (!existsSync(file)) throw new CliError('missingFile', `missing file: ${file} (run shimkit from a clone of the shimkit repository)`);
  return file;
}

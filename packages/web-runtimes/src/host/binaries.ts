/**
 * Where the runtimes' binaries are. Each comes from its npm package (pinned in this private
 * workspace): the binary is in a per-platform optional dependency (`@deno/linux-x64-glibc`,
 * `@oven/bun-linux-x64`, `@cloudflare/workerd-linux-64`); the main package's postinstall script
 * links or copies it into the main package. Either place is accepted; nothing is downloaded —
 * a missing binary is an error naming the package. Chromium is Debian's (`scripts/setup.sh`).
 */

import { accessSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The directory of an installed package, or undefined when it is not installed. */
function packageDir(name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

/** A real executable (not a placeholder script): executable and over 1 MB. */
function isBinary(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).size > 1_000_000;
  } catch {
    return false;
  }
}

function find(what: string, candidates: [pkg: string, file: string][]): string {
  const tried: string[] = [];
  for (const [pkg, file] of candidates) {
    const dir = packageDir(pkg);
    if (dir === undefined) {
      tried.push(`${pkg} (not installed)`);
      continue;
    }
    const path = join(dir, file);
    if (isBinary(path)) return path;
    tried.push(path);
  }
  throw new Error(`no ${what} binary: tried ${tried.join(', ')}. Run npm ci in the repository root.`);
}

const arch = process.arch === 'arm64' ? 'arm64' : 'x64';

export const denoPath = (): string =>
  find('deno', [
    [`@deno/linux-${arch}-glibc`, 'deno'],
    ['deno', 'deno'],
  ]);

export const bunPath = (): string =>
  find('bun', [
    [`@oven/bun-linux-${arch === 'arm64' ? 'aarch64' : 'x64'}`, 'bin/bun'],
    ['bun', 'bin/bun.exe'],
  ]);

export const workerdPath = (): string =>
  find('workerd', [
    [`@cloudflare/workerd-linux-${arch === 'arm64' ? 'arm64' : '64'}`, 'bin/workerd'],
    ['workerd', 'bin/workerd'],
  ]);

/** Debian's Chromium, installed by scripts/setup.sh (override with CHROMIUM_PATH). */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`no Chromium at ${path}: run scripts/setup.sh (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return path;
}

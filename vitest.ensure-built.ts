/**
 * vitest global setup of the package projects: some tests start Node on a package the way a user
 * does (`node -e "import '@shimkit/entropy'"`), which loads its built `dist/`. In a fresh
 * checkout (`npm ci` builds only the native addon), build the workspace once first; when every
 * package's exported `dist/` files exist, this does nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('.', import.meta.url));

/** Exported `dist/` files that are not there, across the workspace packages. */
function missingBuilds(): string[] {
  const missing: string[] = [];
  const packages = join(ROOT, 'packages');
  for (const dir of readdirSync(packages)) {
    const manifestFile = join(packages, dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { exports?: unknown; bin?: unknown };
    const targets = JSON.stringify([manifest.exports ?? {}, manifest.bin ?? {}]).match(/\.\/dist\/[^"]+/g) ?? [];
    for (const t of targets) if (!existsSync(join(packages, dir, t))) missing.push(`packages/${dir}/${t.slice(2)}`);
  }
  return missing;
}

export default function setup(): void {
  const missing = missingBuilds();
  if (missing.length === 0) return;
  console.log(`vitest: ${missing.length} built files missing (e.g. ${missing[0]}); building the workspace once (turbo run build)`);
  execFileSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: ROOT, stdio: 'inherit' });
}

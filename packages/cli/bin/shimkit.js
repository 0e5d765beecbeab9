#!/usr/bin/env node
// The `shimkit` command. A committed file (not dist/bin.js itself) so that `npm ci` links
// node_modules/.bin/shimkit in a fresh clone, before anything is built; it runs the built CLI.
import { existsSync } from 'node:fs';

const built = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(built)) {
  process.stderr.write('shimkit: the CLI is not built yet: run `npm start` or `npx turbo run build` in the repository first\n');
  process.exit(1);
}
await import(built.href);

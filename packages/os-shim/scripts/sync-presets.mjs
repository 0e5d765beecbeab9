// Rewrites what this package states about its targets from the presets (src/presets.ts, built
// to dist/presets.js): the `linked/<target>.js` modules, the `.` entry's export conditions and
// the optional peer dependencies on the backend packages. `src/presets.test.ts` fails when they
// differ from the presets; run this (after `npm run build`) to bring them in line:
//
//   npm run sync-presets -w @shimkit/os-shim
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { backendPackages, exportConditions, linkedModuleSource, PRESETS } from '../dist/presets.js';

const here = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

const wanted = new Set(PRESETS.map((p) => `${p.name}.js`));
for (const file of readdirSync(here('linked'))) if (!wanted.has(file)) rmSync(here(`linked/${file}`));
for (const p of PRESETS) writeFileSync(here(`linked/${p.name}.js`), linkedModuleSource(p.name));

const manifest = JSON.parse(readFileSync(here('package.json'), 'utf8'));
const dot = { types: manifest.exports['.'].types };
for (const [condition, target] of exportConditions()) dot[condition] = `./linked/${target}.js`;
dot.default = manifest.exports['.'].default;
manifest.exports['.'] = dot;
// Every backend package is an optional peer (the conditions import it); other peers are kept.
const isBackend = (name) => name.startsWith('@shimkit/os-');
const keep = (deps) => Object.fromEntries(Object.entries(deps ?? {}).filter(([name]) => !isBackend(name)));
manifest.peerDependencies = { ...Object.fromEntries(backendPackages().map((p) => [p, '*'])), ...keep(manifest.peerDependencies) };
manifest.peerDependenciesMeta = {
  ...Object.fromEntries(backendPackages().map((p) => [p, { optional: true }])),
  ...keep(manifest.peerDependenciesMeta),
};
writeFileSync(here('package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`os-shim: linked/ and package.json in line with ${PRESETS.length} presets`);

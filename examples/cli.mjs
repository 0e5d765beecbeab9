// The command line every example's build.mjs shares: `node build.mjs <target>` bundles the example
// program (program/main.js; program/component.js for wasi) into dist/<target>.mjs. The program is
// ./program/ in a copied project, ../program/ next to it in this repository.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const TARGETS = ['unix', 'xen', 'solo5', 'wasi'];

/** Runs `bundle` for the target named on the command line, when `moduleUrl` is the main module. */
export async function runCli(moduleUrl, bundle) {
  if (moduleUrl !== `file://${process.argv[1]}`) return;
  const target = process.argv[2];
  if (!TARGETS.includes(target)) throw new Error(`usage: node build.mjs ${TARGETS.join('|')}`);
  const here = (p) => fileURLToPath(new URL(p, moduleUrl));
  const dir = existsSync(here('program')) ? 'program' : '../program';
  const entry = here(`${dir}/${target === 'wasi' ? 'component' : 'main'}.js`);
  const { file } = await bundle({ target, entry, outFile: here(`dist/${target}.mjs`), root: here('.') });
  console.log(`built ${file}`);
}

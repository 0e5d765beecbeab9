// Prints the vitest project names of vitest.config.ts as a JSON array: the CI matrix
// (.github/workflows/ci.yml reads it), so the matrix follows the config, which follows the presets.
// Needs only `npm ci` (no build): the config imports os-shim's TypeScript source.
import { createVitest } from 'vitest/node';

const vitest = await createVitest('test', { watch: false, run: true }, {}, {});
try {
  process.stdout.write(`${JSON.stringify(vitest.projects.map((p) => p.name))}\n`);
} finally {
  await vitest.close();
}

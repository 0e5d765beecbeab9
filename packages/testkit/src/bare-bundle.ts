/**
 * Builds the bare-engine program of a unikernel backend at test time (nothing of it is in any
 * package's build output): `runBareProgram` (`./bare-program.ts`) with `@shimkit/entropy`'s
 * default instance and the backend's `run` / `status`, linked the way users link a unikernel —
 * `@shimkit/os-shim` aliased to the backend by `rollupAlias` — with every dependency inlined
 * (there is no module loader in a unikernel). Any rollup warning fails the build.
 *
 * Test-side code (Node).
 */

import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { rollup } from 'rollup';

const ENTRY = '\0shimkit-bare-entry';

/** The ES-module text of the bare program for `target`, resolved from `rootDir` (the backend's package directory). */
export async function bundleBareProgram(target: 'xen' | 'solo5', rootDir: string): Promise<string> {
  const entry = [
    "import { initialize, randomBytes, status } from '@shimkit/entropy';",
    "import { os } from '@shimkit/os-shim';",
    "import { runBareProgram } from '@shimkit/testkit/bare-program';",
    `import { status as backendStatus, run } from '@shimkit/os-${target}';`,
    'runBareProgram({ os, run, initialize, randomBytes, status, backendStatus });',
  ].join('\n');
  const build = await rollup({
    input: ENTRY,
    plugins: [
      { name: 'shimkit-bare-entry', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? entry : null) },
      alias(rollupAlias(target)),
      nodeResolve({ rootDir }),
    ],
    onwarn(warning) {
      throw new Error(`bundling the ${target} bare-engine program: ${warning.code}: ${warning.message}`);
    },
  });
  try {
    const { output } = await build.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await build.close();
  }
}

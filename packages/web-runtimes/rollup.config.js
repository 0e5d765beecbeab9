// Bundles os-web's conformance suite, the entropy smoke test and the demo for each Web runtime.
// `@shimkit/os-shim` is aliased to os-web with the project's own alias data (`rollupAlias('web')`),
// as a user's rollup build does; `vitest` (imported by the conformance suite) is aliased to the
// small runtime-neutral runner in src/runner. Input: tsc's output in dist/; output: bundles/.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const aliases = alias({
  entries: [...rollupAlias('web').entries, { find: /^vitest$/, replacement: here('./dist/runner/vitest-shim.js') }],
});

/** One ESM bundle per entry; `browser` resolution for all (none of these runtimes is Node). */
const bundle = (input, file) => ({
  input: here(`./dist/${input}`),
  output: { file: here(`./bundles/${file}`), format: 'es', inlineDynamicImports: true },
  plugins: [aliases, nodeResolve({ browser: true, exportConditions: ['browser', 'worker', 'import', 'default'] })],
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY') return;
    warn(warning);
    throw new Error(`rollup warning in ${input}: ${warning.message}`);
  },
});

/** The addon probe: the shim linked to os-unix, which stays external (loaded from node_modules). */
const addonProbe = {
  input: here('./dist/entries/addon-probe.js'),
  external: [/^@shimkit\/os-unix(\/.*)?$/],
  output: { file: here('./bundles/addon-probe.js'), format: 'es', inlineDynamicImports: true },
  plugins: [
    alias({
      entries: [...rollupAlias('unix').entries, { find: /^vitest$/, replacement: here('./dist/runner/vitest-shim.js') }],
    }),
    nodeResolve({ exportConditions: ['node', 'import', 'default'] }),
  ],
};

export default [
  addonProbe,
  bundle('entries/page.js', 'page.js'),
  bundle('entries/worker.js', 'worker.js'),
  bundle('entries/worker-page.js', 'worker-page.js'),
  bundle('entries/cli.js', 'cli.js'),
  bundle('entries/workerd.js', 'workerd.js'),
  bundle('demo/demo.js', 'demo.js'),
];

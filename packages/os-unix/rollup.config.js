// Links src/link-check.ts (compiled to dist/) against this backend the way users do: the
// alias from @shimkit/os-shim/alias replaces "@shimkit/os-shim" with "@shimkit/os-unix".
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';

export default {
  input: 'dist/link-check.js',
  output: { file: 'dist/link-check.bundle.mjs', format: 'es' },
  external: [/^node:/, 'node-gyp-build'],
  plugins: [alias(rollupAlias('unix')), nodeResolve({ exportConditions: ['node'] })],
};

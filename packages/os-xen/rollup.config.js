// The bare-engine bundle: src/bare/entry.ts (compiled to dist/) linked the way users link a
// Xen unikernel — "@shimkit/os-shim" aliased to "@shimkit/os-xen" — with every dependency
// inlined (entropy, noble, this backend). Nothing may stay external: there is no module loader
// in the unikernel.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';

export default {
  input: 'dist/bare/entry.js',
  output: { file: 'dist/bare/xen.bundle.js', format: 'es' },
  plugins: [alias(rollupAlias('xen')), nodeResolve()],
  onwarn(warning) {
    throw new Error(`bundling the bare-engine program: ${warning.code}: ${warning.message}`);
  },
};

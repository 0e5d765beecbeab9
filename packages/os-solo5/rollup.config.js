// The bare-engine bundle: src/bare/entry.ts (compiled to dist/) linked the way users link a
// Solo5 unikernel — "@shimkit/os-shim" aliased to "@shimkit/os-solo5" — with every dependency
// inlined (entropy, noble, this backend). Nothing may stay external: there is no module loader
// in the unikernel.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';

export default {
  input: 'dist/bare/entry.js',
  output: { file: 'dist/bare/solo5.bundle.js', format: 'es' },
  plugins: [alias(rollupAlias('solo5')), nodeResolve()],
  onwarn(warning) {
    throw new Error(`bundling the bare-engine program: ${warning.code}: ${warning.message}`);
  },
};

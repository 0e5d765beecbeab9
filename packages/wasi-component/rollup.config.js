// Bundles the component's JavaScript into the one ES module ComponentizeJS takes, linked to the
// WASI backend: the alias from @shimkit/os-shim/alias replaces "@shimkit/os-shim" with
// "@shimkit/os-unix/wasi". The wasi:* specifiers stay imports: they are the component's WIT imports.
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';

export default {
  input: 'dist/guest/main.js',
  output: { file: 'dist/bundle/component.js', format: 'es' },
  external: [/^wasi:/],
  plugins: [alias(rollupAlias('wasi')), nodeResolve()],
};

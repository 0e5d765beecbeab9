// A program written against @shimkit/os-shim only (plain JavaScript, a test fixture: not part of
// the package's build or its tarball). src/link.test.ts links it to os-unix with rollup and
// @rollup/plugin-alias exactly as a user's bundler would, runs the bundle, and runs it unbundled
// (Node's "node" condition links os-unix); bundled without the alias it reaches the unlinked
// shim and must fail with ERR_NO_BACKEND.
import { os } from '@shimkit/os-shim';

const bytes = new Uint8Array(16);
os.random?.fill(bytes);
os.console.log(
  JSON.stringify({
    backend: os.name,
    random: Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(''),
    cycles: os.cpu.cycles(),
    rdrand: typeof os.cpu.rdrand,
  }),
);

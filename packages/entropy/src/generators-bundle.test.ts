/**
 * Issue 9 point 1: the deterministic core is platform-free. A program importing only
 * `@shimkit/entropy/generators` is bundled with rollup for a neutral platform — no alias, no
 * backend, no `node` export condition — through the package's own `exports` map (the built
 * `dist/`, what ships), then run in a fresh `node:vm` context that has nothing but the
 * JavaScript built-ins and one `print` function: no `process`, `Buffer`, `crypto`, `console`.
 * It must build, run, and give the same bytes as the generators do here; no module of the OS
 * entry of `@shimkit/os-shim` (the `os` object, its unlinked stub, `linked/*`) nor of
 * `@shimkit/os-unix` may even be loaded. (`@shimkit/os-shim/errors` and `/validate` — the shared
 * error classes and argument checks, platform-free — are allowed, and listed.)
 */
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { describe, expect, it } from 'vitest';
import { ChaChaFront } from './chacha-front.js';
import { Fortuna } from './fortuna.js';
import { HmacDrbg } from './hmac-drbg.js';
import { createRandom } from './random.js';
import { hex } from './test-support.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `${pkgDir}__generators-only-program.js`;

const PROGRAM = `
import { ChaChaFront, createRandom, Fortuna, HmacDrbg } from '@shimkit/entropy/generators';
const seed = new Uint8Array(48);
for (let i = 0; i < 48; i++) seed[i] = i * 7;
const hex = (b) => Array.from(b, (x) => (x < 16 ? '0' : '') + x.toString(16)).join('');
const fortuna = new Fortuna();
fortuna.reseed(seed);
const drbg = new HmacDrbg();
drbg.reseed(seed);
const parent = new Fortuna();
parent.reseed(seed);
const rng = createRandom(new ChaChaFront(parent));
print(JSON.stringify({ fortuna: hex(fortuna.generate(70000).subarray(69960)), drbg: hex(drbg.generate(40)), front: hex(rng.randomBytes(40)), uuid: rng.randomUUID(), int: rng.randomInt(1000) }));
`;

function expected() {
  const seed = new Uint8Array(48).map((_, i) => i * 7);
  const fortuna = new Fortuna();
  fortuna.reseed(seed);
  const drbg = new HmacDrbg();
  drbg.reseed(seed);
  const parent = new Fortuna();
  parent.reseed(seed);
  const rng = createRandom(new ChaChaFront(parent));
  return { fortuna: hex(fortuna.generate(70000).subarray(69960)), drbg: hex(drbg.generate(40)), front: hex(rng.randomBytes(40)), uuid: rng.randomUUID(), int: rng.randomInt(1000) };
}

describe('@shimkit/entropy/generators with no backend linked', () => {
  it('bundles for a neutral platform, loads no OS module, and runs in a bare context', async () => {
    const bundle = await rollup({
      input: ENTRY,
      plugins: [
        { name: 'program', resolveId: (id) => (id === ENTRY ? id : null), load: (id) => (id === ENTRY ? PROGRAM : null) },
        nodeResolve({ exportConditions: ['default'], browser: false, preferBuiltins: false }),
      ],
      onwarn: (w) => {
        throw new Error(`rollup warning: ${w.message}`);
      },
    });
    const loaded = bundle.watchFiles.filter((f) => f !== ENTRY);
    const { output } = await bundle.generate({ format: 'iife' });
    await bundle.close();

    const shim = loaded.filter((f) => /os-shim/.test(f)).map((f) => f.replace(/.*\/os-shim\//, 'os-shim/'));
    expect(shim.sort()).toEqual(['os-shim/dist/errors.js', 'os-shim/dist/validate.js']);
    expect(loaded.filter((f) => /os-unix|os-xen|os-solo5|os-unikernel/.test(f))).toEqual([]);
    expect(loaded.some((f) => f.endsWith('entropy/dist/generators.js'))).toBe(true);
    expect(loaded.filter((f) => /entropy\/dist\/(default|runtime|accelerators|sources\/)/.test(f))).toEqual([]);

    const code = output[0].code;
    const printed: string[] = [];
    runInNewContext(code, { print: (line: string) => void printed.push(line) }, { timeout: 20_000 });
    expect(printed).toHaveLength(1);
    expect(JSON.parse(printed[0]!)).toEqual(expected());
  });
});

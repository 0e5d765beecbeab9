// Turns dist/bundle/component.js into a WebAssembly component (ComponentizeJS: the StarlingMonkey
// engine with the bundle pre-initialised by Wizer; no AOT/weval) targeting wit/world.wit, then
// transpiles it with jco into an ES module that runs on @bytecodealliance/preview2-shim:
//   dist/component.wasm, dist/transpiled/component.js (+ core wasm files and .d.ts).
// Prints how long each step took.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { componentize } from '@bytecodealliance/componentize-js';
import { transpile } from '@bytecodealliance/jco';

const root = fileURLToPath(new URL('..', import.meta.url));
const witDir = join(root, 'wit');
const dist = join(root, 'dist');

// ComponentizeJS reads the WIT through preview2-shim's filesystem, whose default preopen is the
// whole host filesystem: give it the wit directory only.
_setPreopens({ [witDir]: witDir });

let t0 = performance.now();
const { component } = await componentize({
  sourcePath: join(dist, 'bundle', 'component.js'),
  witPath: witDir,
  worldName: 'component',
  // No outgoing HTTP and no fetch event handler: the component imports no wasi:http.
  disableFeatures: ['http', 'fetch-event'],
});
await writeFile(join(dist, 'component.wasm'), component);
const componentizeMs = performance.now() - t0;

t0 = performance.now();
const { files } = await transpile(component, { name: 'component' });
const out = join(dist, 'transpiled');
await rm(out, { recursive: true, force: true });
for (const [name, data] of Object.entries(files)) {
  const file = join(out, name);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, data);
}
const transpileMs = performance.now() - t0;

console.log(
  `componentize ${(componentizeMs / 1000).toFixed(1)} s (${component.length} bytes), ` +
    `transpile ${(transpileMs / 1000).toFixed(1)} s (${Object.keys(files).length} files)`,
);

/**
 * The WASI host side of the examples: turns a bundle into a WebAssembly component with
 * ComponentizeJS (StarlingMonkey, no AOT) for `wit/world.wit`, transpiles it with jco and
 * instantiates it in this process on @bytecodealliance/preview2-shim — the same toolchain as
 * packages/wasi-component.
 */

import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { componentize } from '@bytecodealliance/componentize-js';
import { transpile } from '@bytecodealliance/jco';
import { _clearPreopens, _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

export interface ExampleComponent {
  generate(n: number): Uint8Array;
  status(): string;
}

/** Componentizes `bundle` and transpiles it into `outDir`; returns the component's size. */
export async function buildComponent(bundle: string, witDir: string, outDir: string): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  // ComponentizeJS reads the WIT through preview2-shim's filesystem: preopen the WIT folder only.
  _setPreopens({ [witDir]: witDir });
  try {
    const { component } = await componentize({
      sourcePath: bundle,
      witPath: witDir,
      worldName: 'example',
      disableFeatures: ['http', 'fetch-event'],
    });
    const { files } = await transpile(component, { name: 'example' });
    await rm(outDir, { recursive: true, force: true });
    for (const [name, data] of Object.entries(files)) {
      const file = join(outDir, name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, data);
    }
    await writeFile(join(outDir, 'example.wasm'), component);
    return { bytes: component.length, ms: performance.now() - t0 };
  } finally {
    _clearPreopens();
  }
}

/** Instantiates the transpiled component (a fresh instance per distinct `outDir`). */
export async function loadComponent(outDir: string): Promise<ExampleComponent> {
  _clearPreopens();
  return (await import(pathToFileURL(join(outDir, 'example.js')).href)) as ExampleComponent;
}

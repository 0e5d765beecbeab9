/**
 * The QuickJS engine of the `js` executor: QuickJS-NG compiled to a WASI preview-1 reactor
 * (the npm `quickjs-wasi` package, `quickjs.wasm`). The engine's linear memory is the only memory
 * a script can use, so the call's memory cap is written into the module's memory maximum exactly
 * as the wasm executor does (`../wasm/module-limits.ts`): strings, typed arrays and the engine's
 * own structures all live in that memory, and `memory.grow` past the cap fails inside the engine
 * (QuickJS then raises its uncatchable "out of memory").
 *
 * The compiled module is reused: one `WebAssembly.Module` per memory cap, kept in the module cache
 * (`../cache/module-cache.ts`).
 * Each call instantiates it afresh, so no interpreter state survives from one call to the next.
 */

import { type CachedModule, ModuleCache, sharedModuleCache } from '../cache/module-cache.js';
import { FunctionFault } from '../result.js';
import { capModuleMemory, MemoryCapError } from '../wasm/module-limits.js';

/** Where the engine's bytes come from: given, or (Node) read from the installed package. */
export type EngineSource = Uint8Array | (() => Uint8Array | Promise<Uint8Array>);

/** Reads `quickjs-wasi/quickjs.wasm` from the installed package (Node). */
export async function readInstalledQuickjsWasm(): Promise<Uint8Array> {
  const { createRequire } = await import('node:module');
  const { readFile } = await import('node:fs/promises');
  const path = createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm');
  return new Uint8Array(await readFile(path));
}

/**
 * Compiled engine modules, one per memory cap, kept in a `ModuleCache` (by default the process-wide
 * one the wasm executor uses too: the key is SHA-256 of the engine bytes + engine id + cap, so the
 * two never mix up entries). With only a `size`, the engine gets a cache of its own of that size.
 */
export class EngineCache {
  readonly #source: EngineSource;
  readonly #cache: ModuleCache;
  #bytes: Promise<Uint8Array> | undefined;

  constructor(source: EngineSource, size?: number | ModuleCache) {
    this.#source = source;
    this.#cache = size instanceof ModuleCache ? size : size === undefined ? sharedModuleCache() : new ModuleCache({ maxEntries: size });
  }

  /** The module cache the engine's compiled modules live in. */
  get cache(): ModuleCache {
    return this.#cache;
  }

  /**
   * The engine compiled with its memory maximum set to `capBytes`.
   * @throws FunctionFault kind 'memory' (`ERR_MEMORY_CAP`) when the cap is below the engine's initial memory.
   */
  async module(capBytes: number): Promise<WebAssembly.Module> {
    const source = this.#source;
    const pending = (this.#bytes ??= Promise.resolve(typeof source === 'function' ? source() : source));
    let bytes: Uint8Array;
    try {
      bytes = await pending;
    } catch (e) {
      if (this.#bytes === pending) this.#bytes = undefined;
      throw e;
    }
    const entry = await this.#cache.get(bytes, `quickjs;cap=${capBytes}`, () => compile(bytes, capBytes));
    return entry.module;
  }
}

async function compile(bytes: Uint8Array, capBytes: number): Promise<CachedModule> {
  let capped;
  try {
    capped = capModuleMemory(bytes, capBytes);
  } catch (e) {
    if (e instanceof MemoryCapError) throw new FunctionFault('memory', e.message, { code: e.code });
    throw e;
  }
  return { module: await WebAssembly.compile(capped.bytes as BufferSource) };
}

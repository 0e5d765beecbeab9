/**
 * The QuickJS engine of the `js` executor: QuickJS-NG compiled to a WASI preview-1 reactor
 * (the npm `quickjs-wasi` package, `quickjs.wasm`). The engine's linear memory is the only memory
 * a script can use, so the call's memory cap is written into the module's memory maximum exactly
 * as the wasm executor does (`../wasm/module-limits.ts`): strings, typed arrays and the engine's
 * own structures all live in that memory, and `memory.grow` past the cap fails inside the engine
 * (QuickJS then raises its uncatchable "out of memory").
 *
 * The compiled module is reused: one `WebAssembly.Module` per memory cap, kept in a small LRU.
 * Each call instantiates it afresh, so no interpreter state survives from one call to the next.
 */

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

/** Compiled engine modules, one per memory cap (least recently used dropped first). */
export class EngineCache {
  readonly #source: EngineSource;
  readonly #size: number;
  #bytes: Promise<Uint8Array> | undefined;
  readonly #modules = new Map<number, Promise<WebAssembly.Module>>();

  constructor(source: EngineSource, size = 4) {
    this.#source = source;
    this.#size = size;
  }

  /**
   * The engine compiled with its memory maximum set to `capBytes`.
   * @throws FunctionFault kind 'memory' (`ERR_MEMORY_CAP`) when the cap is below the engine's initial memory.
   */
  module(capBytes: number): Promise<WebAssembly.Module> {
    const hit = this.#modules.get(capBytes);
    if (hit !== undefined) {
      this.#modules.delete(capBytes);
      this.#modules.set(capBytes, hit);
      return hit;
    }
    const p = this.#compile(capBytes);
    p.catch(() => this.#modules.delete(capBytes));
    this.#modules.set(capBytes, p);
    if (this.#modules.size > this.#size) this.#modules.delete(this.#modules.keys().next().value!);
    return p;
  }

  async #compile(capBytes: number): Promise<WebAssembly.Module> {
    const source = this.#source;
    this.#bytes ??= Promise.resolve(typeof source === 'function' ? source() : source);
    const bytes = await this.#bytes;
    let capped;
    try {
      capped = capModuleMemory(bytes, capBytes);
    } catch (e) {
      if (e instanceof MemoryCapError) throw new FunctionFault('memory', e.message, { code: e.code });
      throw e;
    }
    return WebAssembly.compile(capped.bytes as BufferSource);
  }
}

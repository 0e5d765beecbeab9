/**
 * Worker side: evaluates Pyodide's Emscripten glue, `pyodide.asm.js` (1 MB of JavaScript), through
 * a `vm.Script` with V8's code cache instead of letting `loadPyodide` import it.
 *
 * `loadPyodide` (pyodide `src/js/pyodide.ts`, `loadWasmScript`) skips importing the script when a
 * global `_createPyodideModule` already exists; the script's last statement defines exactly that
 * global. Imported by Node, the script costs module-format detection, the CommonJS wrapper and a
 * full parse on every start; through `vm.Script` with `cachedData` V8 deserialises the compiled
 * functions instead. V8 checks the cache itself (its version and flags hash and the source hash)
 * and rejects a mismatch (`script.cachedDataRejected`): a wrong cache costs a parse, never wrong
 * code.
 *
 * The script is wrapped the way Node wraps CommonJS (`exports, require, module, __filename,
 * __dirname`) with `require` resolving from the pyodide package. Its dynamic `import(…)`s (it
 * imports `node:` built-ins) are routed through a function parameter: Node 20 drops a
 * `vm.Script`'s dynamic-import callback when the script comes from a code cache.
 */

import { createRequire, isBuiltin } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

/** What evaluating the glue produced. */
export interface AsmScriptRun {
  /** V8 rejected the given cache (the script was parsed from source). */
  readonly cachedDataRejected: boolean;
  /** Makes a code cache of the script (call after loading: it then holds the functions compiled lazily too). */
  createCachedData(): Uint8Array;
}

/** Bumped when the wrapper below changes (part of the code cache's key). */
export const ASM_WRAPPER_VERSION = 1;

/**
 * Evaluates `source` (the text of `pyodide.asm.js` at `path`) in this thread's context, defining
 * `globalThis._createPyodideModule`.
 * @example const run = runAsmScript(readFileSync(p, 'utf8'), p, cache);
 */
export function runAsmScript(source: string, path: string, cachedData: Uint8Array | undefined): AsmScriptRun {
  const wrapped = `(function (exports, require, module, __filename, __dirname, __shimkit_import) {${source.replace(/(?<![\w$.])import\(/gu, '__shimkit_import(')}\n})`;
  const script = new vm.Script(wrapped, { filename: path, ...(cachedData === undefined ? {} : { cachedData }) });
  const require = createRequire(path);
  const importFrom = (specifier: string): Promise<unknown> => import(isBuiltin(specifier) || /^(file|data):/u.test(specifier) ? specifier : pathToFileURL(require.resolve(specifier)).href);
  const fn = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  fn(module.exports, require, module, path, dirname(path), importFrom);
  return {
    cachedDataRejected: cachedData !== undefined && script.cachedDataRejected === true,
    createCachedData: () => new Uint8Array(script.createCachedData()),
  };
}

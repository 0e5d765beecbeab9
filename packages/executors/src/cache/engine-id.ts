/**
 * The engine id of the compiled-module cache: a digest of everything besides a module's own bytes
 * that changes what the cache stores for it (runtime and engine versions, the executors version,
 * the cache's format version, the limits and rewrite options of the artifact).
 *
 * This is wasmtime's rule (`crates/cache`: the key hashes the compiler's environment with the
 * module bytes) applied one level up: entries live in a directory per engine id and carry the id in
 * their header, so an entry made by another engine is never loaded — the failure mode of wasmer's
 * `FileSystemCache`, whose key ignored the engine version (wasmer#272), and of wasmtime#10283,
 * which loaded a stale entry and crashed.
 *
 * Platform-free: no `node:` import. The executors' version is passed in by the caller (the Node-only
 * `disk-cache.ts` reads it from `package.json`) so this module needs neither a file system nor a
 * generated constant.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { ExecutorError } from '../errors.js';

/** Version of the entry format (`entry-format.ts`); part of every engine id and every header. */
export const CACHE_FORMAT_VERSION = 1;

/** What an engine id is made of: named scalar facts about the engine. */
export type EngineParts = Readonly<Record<string, string | number | boolean>>;

/**
 * The engine id of `parts`: 32 lowercase hex characters, the first 16 bytes of SHA-256 (FIPS 180-4,
 * @noble/hashes) over the canonical encoding — the keys sorted (UTF-16 code unit order), one
 * `key=value\n` line each, UTF-8, values by `String(value)`. The key order of `parts` does not
 * matter; `1` and `'1'` give the same id.
 *
 * @param parts at least one entry; keys non-empty without `=` or a line break, values without a
 *   line break (so the encoding is unambiguous), numbers finite.
 * @returns 32 lowercase hex characters (16 bytes).
 * @throws ExecutorError `ERR_INVALID_ENGINE_PARTS` when `parts` is not a plain object, is empty,
 *   or a key or value breaks the rules above.
 * @example
 * const engine = engineId({ ...runtimeEngineParts(version), maxMemoryPages: 256 });
 */
export function engineId(parts: EngineParts): string {
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) {
    throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', `engine parts must be a plain object, got ${parts === null ? 'null' : typeof parts}`);
  }
  const keys = Object.keys(parts).sort();
  if (keys.length === 0) throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', 'engine parts must name at least one fact about the engine');
  let text = '';
  for (const key of keys) {
    const value: unknown = parts[key];
    if (key === '' || /[=\r\n]/.test(key)) {
      throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', `engine part key ${JSON.stringify(key)} must be non-empty and hold no "=" or line break`);
    }
    if (typeof value === 'number' ? !Number.isFinite(value) : typeof value !== 'string' && typeof value !== 'boolean') {
      throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', `engine part "${key}" must be a string, a finite number or a boolean`);
    }
    const encoded = String(value);
    if (/[\r\n]/.test(encoded)) throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', `engine part "${key}" must hold no line break`);
    text += `${key}=${encoded}\n`;
  }
  return bytesToHex(sha256(utf8ToBytes(text)).subarray(0, 16));
}

/**
 * The facts about the running JavaScript engine that change compiled code: on Node, Deno or Bun
 * (any runtime with `process.versions`) `{ node, v8 }` (a missing one is `''`), elsewhere
 * `{ runtime: 'unknown' }`; plus `executors` (the version passed in) and `format`
 * (`CACHE_FORMAT_VERSION`).
 *
 * @param executorsVersion the version of `@shimkit/executors` that makes the entries (on Node,
 *   `EXECUTORS_VERSION` from `@shimkit/executors/cache`).
 * @returns a fresh object; spread it into `engineId`'s parts with the artifact's own options.
 * @throws ExecutorError `ERR_INVALID_ENGINE_PARTS` when `executorsVersion` is not a non-empty string.
 * @example
 * runtimeEngineParts('0.1.0'); // { node: '20.20.0', v8: '11.3.244.8-node.33', executors: '0.1.0', format: '1' }
 */
export function runtimeEngineParts(executorsVersion: string): Record<string, string> {
  if (typeof executorsVersion !== 'string' || executorsVersion === '') {
    throw new ExecutorError('ERR_INVALID_ENGINE_PARTS', 'runtimeEngineParts needs the executors version (a non-empty string)');
  }
  const versions = (globalThis as { process?: { versions?: Record<string, string | undefined> } }).process?.versions;
  const runtime: Record<string, string> = versions !== undefined ? { node: versions['node'] ?? '', v8: versions['v8'] ?? '' } : { runtime: 'unknown' };
  return { ...runtime, executors: executorsVersion, format: String(CACHE_FORMAT_VERSION) };
}

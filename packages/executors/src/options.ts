/**
 * The one check of an options object's shape for every factory and call of this package: a plain
 * object (or omitted) whose keys are all known. A misspelt key is refused, never ignored — a
 * `deadline: 100` meant as `deadlineMs` would otherwise run the call without a deadline.
 */

import { ExecutorError } from './errors.js';

/**
 * @param what names the options in the message (e.g. `wasmPool options`).
 * @param options the caller's value (`undefined` is accepted: every option has a default).
 * @param allowed the known keys.
 * @throws ExecutorError `ERR_INVALID_OPTIONS` when `options` is not a plain object or has a key
 *   not in `allowed` (each unknown key named, the allowed ones listed).
 * @example checkOptionKeys('wasmPool options', options, ['threads', 'maxQueue', 'sources']);
 */
export function checkOptionKeys(what: string, options: unknown, allowed: readonly string[]): void {
  if (options === undefined) return;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new ExecutorError('ERR_INVALID_OPTIONS', `${what} must be an object, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`);
  }
  const unknown = Object.keys(options).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) {
    throw new ExecutorError('ERR_INVALID_OPTIONS', `${what} has unknown key(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}; allowed: ${allowed.join(', ')}`);
  }
}

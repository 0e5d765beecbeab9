/**
 * The one chunked OS-random fill behind every backend's `Random.fill` (os-unix native and
 * fallback, the WASI build): checks `dest` once, asks the OS source for it chunk by chunk (each
 * source has its own per-call ceiling), and on any failure zeroes the whole view and throws
 * `OsRandomError` — never a partly filled view, never a weaker source. Pure ECMAScript.
 */

import { OsRandomError } from './errors.js';
import { assertBytes } from './validate.js';

/** One OS random source. */
export interface OsRandomSource {
  /** How the source is named in errors and status (`getrandom`, `crypto.getRandomValues`, …). */
  readonly name: string;
  /** The most bytes one `fill` call may be asked for (a positive integer, or `Infinity`). */
  readonly chunk: number;
  /** Fills every byte of `chunk` (at most `this.chunk` long) or throws. */
  fill(chunk: Uint8Array): void;
}

/**
 * Fills every byte of `dest` from `source`.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` (not a `Uint8Array`) or `ERR_DETACHED_BUFFER`, before anything is written.
 * @throws {OsRandomError} `ERR_OS_RANDOM` when the source fails; `dest` is then all zero.
 * @example
 * fillFromOs(new Uint8Array(32), { name: 'crypto.getRandomValues', chunk: 65_536, fill: (c) => webcrypto.getRandomValues(c) });
 */
export function fillFromOs(dest: unknown, source: OsRandomSource): void {
  const view = assertBytes(dest, 'dest');
  const step = source.chunk;
  try {
    for (let off = 0; off < view.length; off += step) source.fill(view.subarray(off, Math.min(view.length, off + step)));
  } catch (cause) {
    view.fill(0);
    throw new OsRandomError(`${source.name} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

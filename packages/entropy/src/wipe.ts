/**
 * Best-effort erasure of secrets held in typed arrays.
 *
 * JavaScript cannot promise that a secret is gone from memory: the engine may have copied it
 * (garbage-collector moves, JIT registers and spills, strings and numbers made from it, the
 * buffers of a `postMessage` or of a native call), and nothing in the language reaches those
 * copies. What `wipe` does is overwrite the bytes of the arrays you pass, so that the copy this
 * program holds no longer contains the secret. The generators of this package call it on every
 * key they replace, every byte of keystream they hand out and every scratch buffer; it shortens
 * the window in which a memory disclosure reveals a secret, it does not close it.
 */

/**
 * Overwrites every byte of each view with zero (over its `byteOffset`/`byteLength` only).
 * Best effort: see the module comment for what JavaScript cannot erase.
 *
 * @example
 * const key = randomBytes(32);
 * // … use key …
 * wipe(key);
 */
export function wipe(...views: ArrayBufferView[]): void {
  for (const v of views) {
    if (v instanceof Uint8Array) v.fill(0);
    else new Uint8Array(v.buffer, v.byteOffset, v.byteLength).fill(0);
  }
}

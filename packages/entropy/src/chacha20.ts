/**
 * ChaCha20 (RFC 8439 §2.3–2.4) as a keystream source for the ChaCha20 front: the signature of the
 * OS shim's optional `Cpu.chacha20` accelerator, and its pure-JavaScript implementation on
 * @noble/ciphers (`chacha20` from `@noble/ciphers/chacha.js`). This module imports no OS: the
 * runtime passes a backend's accelerator in (see `accelerators.ts`).
 *
 * `chacha(key, nonce, counter, dest)` writes into `dest` the keystream for the 32-byte key and
 * 12-byte nonce from 32-bit block counter `counter`; `key` and `nonce` are not modified. Both
 * implementations give the same bytes; the front's tests check it, and the RFC 8439 vectors run
 * on both.
 */

import { chacha20 } from '@noble/ciphers/chacha.js';

/** Writes the ChaCha20 keystream for `key`, `nonce` from block `counter` into `dest`. */
export type ChaCha20Keystream = (key: Uint8Array, nonce: Uint8Array, counter: number, dest: Uint8Array) => void;

/** Zero plaintext for noble's `chacha20` (keystream = ChaCha20 of zeros); never written. */
const ZEROS = new Uint8Array(65_536);
const PIECE = ZEROS.length;

/** The pure-JavaScript ChaCha20 keystream (no accelerator): @noble/ciphers. */
export const jsChacha20: ChaCha20Keystream = (key, nonce, counter, dest) => {
  for (let off = 0; off < dest.length; off += PIECE) {
    const piece = dest.subarray(off, Math.min(dest.length, off + PIECE));
    chacha20(key, nonce, ZEROS.subarray(0, piece.length), piece, counter + off / 64);
  }
};

/**
 * AES-256 in counter mode (NIST SP 800-38A §6.5) as a keystream source for Fortuna: the
 * signature of the OS shim's optional `Cpu.aes256Ctr` accelerator, and its pure-JavaScript
 * implementation on @noble/ciphers (`ctr` from `@noble/ciphers/aes.js`).
 *
 * `aes(key, counter, dest)` writes into `dest` the AES-256-CTR keystream that starts at the
 * 16-byte big-endian counter block `counter` (incremented as one 128-bit integer per block,
 * wrapping at 2^128); a last partial block uses the leading bytes of that block. `key` and
 * `counter` are not modified. Both implementations give the same bytes; Fortuna's tests check it.
 */

import { ctr } from '@noble/ciphers/aes.js';

/** Writes the AES-256-CTR keystream for `key` from counter block `counter` into `dest`. */
export type Aes256Ctr = (key: Uint8Array, counter: Uint8Array, dest: Uint8Array) => void;

/** Zero plaintext for noble's `ctr` (keystream = E(0)); grown on demand, never written. */
let zeros = new Uint8Array(65_536 + 32);

function zeroBytes(n: number): Uint8Array {
  if (zeros.length < n) zeros = new Uint8Array(n);
  return zeros.subarray(0, n);
}

/** The pure-JavaScript AES-256-CTR keystream (no accelerator): @noble/ciphers. */
export const jsAes256Ctr: Aes256Ctr = (key, counter, dest) => {
  if (dest.length === 0) return;
  const cipher = ctr(key, counter);
  if ((dest.byteOffset & 3) === 0) {
    cipher.encrypt(zeroBytes(dest.length), dest);
    return;
  }
  // noble writes whole 32-bit words: go through an aligned scratch buffer, then wipe it.
  const scratch = cipher.encrypt(zeroBytes(dest.length));
  dest.set(scratch);
  scratch.fill(0);
};

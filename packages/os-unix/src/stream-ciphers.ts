/**
 * The stream-cipher accelerators of `Cpu`: `aes256Ctr` and `chacha20`.
 *
 * `Cpu.aes256Ctr`: AES-256 in counter mode (NIST SP 800-38A §6.5), the keystream for a 32-byte key
 * and a 16-byte big-endian counter block (incremented as one 128-bit integer, as OpenSSL's CTR
 * mode does and the contract requires). Both implementations use the OpenSSL that Node links
 * (AES-NI / ARMv8 AES where the CPU has them); neither is a new AES.
 *
 * - native: the addon calls OpenSSL's EVP directly and writes the keystream in place into `dest`
 *   (no intermediate buffers, the key schedule reset after each call);
 * - fallback: `node:crypto` `createCipheriv('aes-256-ctr')` over an all-zero buffer in 64 KiB
 *   chunks, each temporary output zeroed once copied into `dest`.
 *
 * `Cpu.chacha20`: the RFC 8439 ChaCha20 keystream for a key, a 12-byte nonce and a 32-bit initial
 * block counter, the same two ways (OpenSSL's IV is the little-endian counter followed by the
 * nonce). Lengths past the 32-bit counter space are refused, so OpenSSL's wider counter never
 * carries into the nonce.
 */

import { createCipheriv } from 'node:crypto';
import type { Cpu } from '@shimkit/os-shim/contract';
import { ShimkitRangeError } from '@shimkit/os-shim/errors';
import { assertBytes, assertIntInRange } from '@shimkit/os-shim/validate';
import type { Binding } from './addon.js';

type Aes256Ctr = NonNullable<Cpu['aes256Ctr']>;
type Chacha20 = NonNullable<Cpu['chacha20']>;

const CHUNK = 65_536;
/** Plaintext of zeros: AES-CTR of zeros is the keystream. Never written. */
const ZEROS = new Uint8Array(CHUNK);

function check(key: unknown, counter: unknown, dest: unknown): [Uint8Array, Uint8Array, Uint8Array] {
  const k = assertBytes(key, 'key');
  const c = assertBytes(counter, 'counter');
  const out = assertBytes(dest, 'dest');
  if (k.length !== 32) throw new ShimkitRangeError(`key must be 32 bytes, got ${k.length}`);
  if (c.length !== 16) throw new ShimkitRangeError(`counter must be 16 bytes, got ${c.length}`);
  return [k, c, out];
}

/** The fallback path: node:crypto. */
export const aes256Ctr: Aes256Ctr = (key, counter, dest) => {
  const [k, c, out] = check(key, counter, dest);
  if (out.length === 0) return;
  const cipher = createCipheriv('aes-256-ctr', k, c);
  for (let off = 0; off < out.length; off += CHUNK) {
    const n = Math.min(CHUNK, out.length - off);
    const block = cipher.update(n === CHUNK ? ZEROS : ZEROS.subarray(0, n));
    out.set(block, off);
    block.fill(0);
  }
  cipher.final();
};

/** The native path: OpenSSL EVP in the addon, in place. */
export function createNativeAes256Ctr(binding: Binding): Aes256Ctr {
  return (key, counter, dest) => {
    const [k, c, out] = check(key, counter, dest);
    binding.aes256Ctr(k, c, out);
  };
}

function checkChacha(key: unknown, nonce: unknown, counter: unknown, dest: unknown): [Uint8Array, Uint8Array, number, Uint8Array] {
  const k = assertBytes(key, 'key');
  const n = assertBytes(nonce, 'nonce');
  const c = assertIntInRange(counter, 'counter', 0, 0xffff_ffff);
  const out = assertBytes(dest, 'dest');
  if (k.length !== 32) throw new ShimkitRangeError(`key must be 32 bytes, got ${k.length}`);
  if (n.length !== 12) throw new ShimkitRangeError(`nonce must be 12 bytes, got ${n.length}`);
  const room = (2 ** 32 - c) * 64;
  if (out.length > room) throw new ShimkitRangeError(`dest is ${out.length} bytes; from block ${c} the 32-bit counter leaves ${room}`);
  return [k, n, c, out];
}

/** The fallback path: node:crypto (IV = little-endian block counter ‖ nonce). */
export const chacha20: Chacha20 = (key, nonce, counter, dest) => {
  const [k, n, c, out] = checkChacha(key, nonce, counter, dest);
  if (out.length === 0) return;
  const iv = new Uint8Array(16);
  new DataView(iv.buffer).setUint32(0, c, true);
  iv.set(n, 4);
  const cipher = createCipheriv('chacha20', k, iv);
  for (let off = 0; off < out.length; off += CHUNK) {
    const len = Math.min(CHUNK, out.length - off);
    const block = cipher.update(len === CHUNK ? ZEROS : ZEROS.subarray(0, len));
    out.set(block, off);
    block.fill(0);
  }
  cipher.final();
};

/** The native path: OpenSSL EVP in the addon, straight into dest. */
export function createNativeChacha20(binding: Binding): Chacha20 {
  return (key, nonce, counter, dest) => {
    const [k, n, c, out] = checkChacha(key, nonce, counter, dest);
    binding.chacha20(k, n, c, out);
  };
}

/**
 * `Cpu.aes256Ctr`: AES-256 in counter mode (NIST SP 800-38A §6.5), the keystream for a 32-byte key
 * and a 16-byte big-endian counter block (incremented as one 128-bit integer, as OpenSSL's CTR
 * mode does and the contract requires). Both implementations use the OpenSSL that Node links
 * (AES-NI / ARMv8 AES where the CPU has them); neither is a new AES.
 *
 * - native: the addon calls OpenSSL's EVP directly and writes the keystream in place into `dest`
 *   (no intermediate buffers, the key schedule reset after each call);
 * - fallback: `node:crypto` `createCipheriv('aes-256-ctr')` over an all-zero buffer in 64 KiB
 *   chunks, each temporary output zeroed once copied into `dest`.
 */

import { createCipheriv } from 'node:crypto';
import type { Cpu } from '@shimkit/os-shim/contract';
import { ShimkitRangeError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';
import type { Binding } from './addon.js';

type Aes256Ctr = NonNullable<Cpu['aes256Ctr']>;

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

/**
 * `Cpu.aes256Ctr` on both paths (native and fallback): AES-256 in counter mode (NIST SP 800-38A
 * §6.5) from OpenSSL through `node:crypto` (`createCipheriv('aes-256-ctr', key, counter)`),
 * which uses AES-NI / ARMv8 AES where the CPU has them. OpenSSL's CTR mode increments the whole
 * 16-byte counter block as one big-endian integer, as the contract requires. The keystream is
 * produced by encrypting a shared all-zero buffer in chunks of 64 KiB; each temporary output
 * buffer is zeroed once copied into `dest`.
 */

import { createCipheriv } from 'node:crypto';
import type { Cpu } from '@shimkit/os-shim/contract';
import { ShimkitRangeError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';

const CHUNK = 65_536;
/** Plaintext of zeros: AES-CTR of zeros is the keystream. Never written. */
const ZEROS = new Uint8Array(CHUNK);

export const aes256Ctr: NonNullable<Cpu['aes256Ctr']> = (key, counter, dest) => {
  const k = assertBytes(key, 'key');
  const c = assertBytes(counter, 'counter');
  const out = assertBytes(dest, 'dest');
  if (k.length !== 32) throw new ShimkitRangeError(`key must be 32 bytes, got ${k.length}`);
  if (c.length !== 16) throw new ShimkitRangeError(`counter must be 16 bytes, got ${c.length}`);
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

/**
 * The OS backend's stream-cipher accelerators (`Cpu.aes256Ctr`, `Cpu.chacha20` of the os-shim
 * contract), as the entropy runtime hands them to the generators. The generators themselves
 * import no OS (mirage-crypto-rng's split: the RNG is "merely the deterministic part"); the
 * runtime reads `os.cpu` and passes the accelerators in through the generators' options.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import type { Aes256Ctr } from './aes-ctr.js';
import type { ChaCha20Keystream } from './chacha20.js';

/** `cpu.aes256Ctr`, bound to `cpu`, or undefined when the backend has none. */
export function linkedAes256Ctr(cpu: Cpu): Aes256Ctr | undefined {
  const accel = cpu.aes256Ctr;
  return typeof accel !== 'function' ? undefined : (key, counter, dest) => accel.call(cpu, key, counter, dest);
}

/** `cpu.chacha20`, bound to `cpu`, or undefined when the backend has none. */
export function linkedChacha20(cpu: Cpu): ChaCha20Keystream | undefined {
  const accel = cpu.chacha20;
  return typeof accel !== 'function' ? undefined : (key, nonce, counter, dest) => accel.call(cpu, key, nonce, counter, dest);
}

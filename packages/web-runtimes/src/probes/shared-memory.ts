/**
 * `Random.fill` on a view over a `SharedArrayBuffer`, in the runtime itself: whether the
 * runtime's own `crypto.getRandomValues` rejects such a view (browsers must: its argument is not
 * `[AllowShared]`), and that os-web fills it anyway — every byte of the view, nothing outside.
 * Browsers expose `SharedArrayBuffer` only to cross-origin-isolated pages; elsewhere the probe
 * says it was not available.
 */

import { os } from '@shimkit/os-shim';

export interface SharedMemoryProbe {
  readonly available: boolean;
  /** What the runtime's getRandomValues did with a shared view: 'accepted' or the error's name. */
  readonly directCall?: string;
  /** os-web's fill of a 100 003-byte shared view: zero bytes in it (≈ 391 expected). */
  readonly zeros?: number;
  /** Bytes 0xa5 left on both sides of the view (16 expected). */
  readonly guardIntact?: number;
}

export function probeSharedMemory(): SharedMemoryProbe {
  if (typeof SharedArrayBuffer !== 'function') return { available: false };
  const n = 100_003;
  let directCall: string;
  try {
    crypto.getRandomValues(new Uint8Array(new SharedArrayBuffer(16)));
    directCall = 'accepted';
  } catch (error) {
    directCall = (error as Error).name;
  }
  const backing = new Uint8Array(new SharedArrayBuffer(n + 16)).fill(0xa5);
  const view = backing.subarray(8, 8 + n);
  view.fill(0);
  os.random!.fill(view);
  let zeros = 0;
  for (const x of view) if (x === 0) zeros++;
  let guardIntact = 0;
  for (const x of [...backing.subarray(0, 8), ...backing.subarray(8 + n)]) if (x === 0xa5) guardIntact++;
  return { available: true, directCall, zeros, guardIntact };
}

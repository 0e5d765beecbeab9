/**
 * Where `generate` takes its bytes from: `@shimkit/entropy`'s default generator (the ChaCha20
 * front over Fortuna), seeded lazily on the first request from the WASI backend's sources
 * (`wasi:random/random` for the OS seed, Whirlwind timing on the monotonic clock for the
 * bootstrap, the loop timer while the component's event loop turns). Nothing is seeded when
 * ComponentizeJS pre-initialises the bundle (Wizer snapshot): entropy draws nothing at import, so
 * no two instances of the component can share a seed baked into the snapshot.
 */

import { fill, status } from '@shimkit/entropy';

export const byteSource = {
  name: '@shimkit/entropy default generator',
  fill: (dest: Uint8Array): void => void fill(dest),
  status,
} as const;

/**
 * Where `generate` takes its bytes from. Today: the linked backend's OS random source
 * (`os.random.fill`, i.e. `wasi:random/random` through `@shimkit/os-unix/wasi`). To serve
 * `@shimkit/entropy`'s default generator instead, change only the `fill` line below (and the
 * `name` beside it); nothing else in the component depends on which source it is.
 */

import { os } from '@shimkit/os-shim';

export const byteSource = {
  name: 'os.random.fill',
  fill: (dest: Uint8Array): void => os.random!.fill(dest),
} as const;

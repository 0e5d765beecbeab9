/**
 * `Random` on the native path: getrandom(2) on Linux (EINTR and short reads retried), getentropy
 * on macOS, in the addon, through the one chunked OS-random fill of `@shimkit/os-shim/os-random`
 * (one call for the whole view: the addon loops itself). On an OS error the view is all zero and
 * `OsRandomError` (`ERR_OS_RANDOM`) is thrown.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { fillFromOs, type OsRandomSource } from '@shimkit/os-shim/os-random';
import type { Binding } from '../addon.js';

/** The native `Random` over `binding.fillRandom` (named `source` in errors). */
export function createNativeRandom(binding: Pick<Binding, 'fillRandom'>, source: string): Random {
  const os: OsRandomSource = { name: source, chunk: Number.POSITIVE_INFINITY, fill: (chunk) => binding.fillRandom(chunk) };
  return { fill: (dest) => fillFromOs(dest, os) };
}

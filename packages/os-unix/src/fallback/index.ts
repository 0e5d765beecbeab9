/**
 * `@shimkit/os-unix/fallback` — the pure-JavaScript os-unix, whatever the addon's state. For
 * environments that forbid native code, and for tests that compare the two paths.
 */

import { createFallbackOs } from './os.js';
import { describeLoad, type UnixStatus } from '../status.js';

export type * from '@shimkit/os-shim/contract';

/**
 * The pure-JavaScript os-unix, whatever the addon's state: no RDRAND/RDSEED, no `cycleTrace`,
 * `random.fill` from `node:crypto`'s Web Crypto.
 *
 * @throws {ShimkitTypeError} / {ShimkitRangeError} for bad arguments, {OsRandomError} `ERR_OS_RANDOM` (view zeroed), as `@shimkit/os-unix`.
 * @example
 * import { os } from '@shimkit/os-unix/fallback';
 * os.random.fill(new Uint8Array(16));
 */
export const os = createFallbackOs();

/** What backs each capability (`path: 'fallback'`). Never throws. */
export function status(): UnixStatus {
  return describeLoad({ binding: null, reason: 'the fallback entry was imported explicitly', absence: 'disabled' });
}

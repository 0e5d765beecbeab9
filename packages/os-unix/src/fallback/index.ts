/**
 * `@shimkit/os-unix/fallback` — the pure-JavaScript os-unix, whatever the addon's state. For
 * environments that forbid native code, and for tests that compare the two paths.
 */

import { createFallbackOs } from './os.js';
import { describeLoad, type UnixStatus } from '../status.js';

export type * from '@shimkit/os-shim/contract';

export const os = createFallbackOs();

export function status(): UnixStatus {
  return describeLoad({ binding: null, reason: 'the fallback entry was imported explicitly', absence: 'disabled' });
}

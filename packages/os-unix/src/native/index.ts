/**
 * `@shimkit/os-unix/native` — os-unix on its native addon, or a load-time error. For programs
 * that must not run without RDRAND/RDSEED and native loop sampling (the default entry would
 * fall back to pure JavaScript instead).
 */

import { loadAddon } from '../addon.js';
import { createNativeOs } from './os.js';
import { describeLoad, type UnixStatus } from '../status.js';

export type * from '@shimkit/os-shim/contract';

/** The addon is required by `@shimkit/os-unix/native` and did not load. */
export class AddonUnavailableError extends Error {
  readonly code = 'ERR_ADDON_UNAVAILABLE' as const;
  constructor(reason: string) {
    super(
      `@shimkit/os-unix/native needs the native addon (${reason}). ` +
        'Rebuild it with `npm rebuild @shimkit/os-unix` (needs python3, make and a C++ compiler), ' +
        'or import "@shimkit/os-unix" to accept the pure-JS fallback.',
    );
    this.name = 'AddonUnavailableError';
  }
}

const load = loadAddon();
if (load.binding === null) throw new AddonUnavailableError(load.reason);

export const os = createNativeOs(load.binding);

export function status(): UnixStatus {
  return describeLoad(load);
}

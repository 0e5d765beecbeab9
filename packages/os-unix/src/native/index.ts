/**
 * `@shimkit/os-unix/native` — os-unix on its native addon, or a load-time error. For programs
 * that must not run without RDRAND/RDSEED and native loop sampling (the default entry would
 * fall back to pure JavaScript instead).
 */

import { loadAddon } from '../addon.js';
import { createNativeOs } from './os.js';
import { describeLoad, type UnixStatus } from '../status.js';

export type * from '@shimkit/os-shim/contract';

/**
 * The addon is required by `@shimkit/os-unix/native` and did not load (`code: 'ERR_ADDON_UNAVAILABLE'`);
 * thrown when the module is imported.
 *
 * @example
 * try { await import('@shimkit/os-unix/native'); } catch (e) { if (e.code === 'ERR_ADDON_UNAVAILABLE') useFallback(); }
 */
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

/**
 * os-unix on its addon (RDRAND/RDSEED when the policy passes them, native loop sampling).
 *
 * @throws {AddonUnavailableError} `ERR_ADDON_UNAVAILABLE` at import when the addon did not load.
 * @example
 * import { os } from '@shimkit/os-unix/native';
 * os.main.cycleTrace.start();
 */
export const os = createNativeOs(load.binding);

/** What backs each capability (`path: 'native'`). Never throws. */
export function status(): UnixStatus {
  return describeLoad(load);
}

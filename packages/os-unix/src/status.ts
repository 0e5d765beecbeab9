/**
 * What os-unix is running on: the native addon or the JS fallback, why, and what each
 * capability is backed by. For diagnostics and for `@shimkit/entropy`'s status.
 */

import type { CpuRngStatus } from '@shimkit/os-shim/cpu-rng';
import { ADDON_FIX, type AddonLoad } from './addon.js';
import { nativeCpuRng } from './native/cpu.js';

export interface UnixStatus {
  readonly backend: 'unix';
  /** Which implementation is in use. */
  readonly path: 'native' | 'fallback';
  /** Where the addon was loaded from (native), or why it is not in use (fallback). */
  readonly addon:
    | { readonly loaded: true; readonly file: string }
    | {
        readonly loaded: false;
        readonly reason: string;
        /** When the addon is missing (neither a prebuild nor a build): how to get it. */
        readonly fix?: string;
      };
  readonly cycleCounter: 'rdtsc' | 'cntvct_el0' | 'clock_gettime' | 'process.hrtime';
  readonly osRandom: 'getrandom' | 'getentropy' | 'crypto.getRandomValues';
  readonly wallClock: 'clock_gettime(CLOCK_REALTIME)' | 'Date.now';
  /** RDRAND: offered by `os.cpu`, and the verdict of the policy's start-up checks (`@shimkit/os-shim/cpu-rng`). */
  readonly rdrand: CpuRngStatus;
  /** RDSEED: as `rdrand`. */
  readonly rdseed: CpuRngStatus;
  readonly loopHooks: 'libuv prepare/check handles' | 'setImmediate';
  /** What backs `cpu.aes256Ctr`. */
  readonly aes256Ctr: 'openssl EVP in the addon' | 'node:crypto createCipheriv';
}

export function describeLoad(load: AddonLoad): UnixStatus {
  if (load.binding === null) {
    const absent: CpuRngStatus = { available: false, selfTest: 'unreachable' };
    return {
      backend: 'unix',
      path: 'fallback',
      addon: load.absence === 'missing' ? { loaded: false, reason: load.reason, fix: ADDON_FIX } : { loaded: false, reason: load.reason },
      cycleCounter: 'process.hrtime',
      osRandom: 'crypto.getRandomValues',
      wallClock: 'Date.now',
      rdrand: absent,
      rdseed: absent,
      loopHooks: 'setImmediate',
      aes256Ctr: 'node:crypto createCipheriv',
    };
  }
  const f = load.binding.features();
  const rng = nativeCpuRng(load.binding);
  return {
    backend: 'unix',
    path: 'native',
    addon: { loaded: true, file: load.path },
    cycleCounter: f.cycleCounter,
    osRandom: f.osRandom,
    wallClock: 'clock_gettime(CLOCK_REALTIME)',
    rdrand: { available: rng.rdrand !== undefined, selfTest: rng.rdrandSelfTest },
    rdseed: { available: rng.rdseed !== undefined, selfTest: rng.rdseedSelfTest },
    loopHooks: 'libuv prepare/check handles',
    aes256Ctr: 'openssl EVP in the addon',
  };
}

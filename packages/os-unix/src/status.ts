/**
 * What os-unix is running on: the native addon or the JS fallback, why, and what each
 * capability is backed by. For diagnostics and for `@shimkit/entropy`'s status.
 */

import type { AddonLoad } from './addon.js';

export interface UnixStatus {
  readonly backend: 'unix';
  /** Which implementation is in use. */
  readonly path: 'native' | 'fallback';
  /** Where the addon was loaded from (native), or why it is not in use (fallback). */
  readonly addon: { readonly loaded: true; readonly file: string } | { readonly loaded: false; readonly reason: string };
  readonly cycleCounter: 'rdtsc' | 'cntvct_el0' | 'clock_gettime' | 'process.hrtime';
  readonly osRandom: 'getrandom' | 'getentropy' | 'crypto.getRandomValues';
  readonly wallClock: 'clock_gettime(CLOCK_REALTIME)' | 'Date.now';
  readonly rdrand: { readonly available: boolean; readonly selfTest: string };
  readonly rdseed: { readonly available: boolean; readonly selfTest: string };
  readonly loopHooks: 'libuv prepare/check handles' | 'setImmediate';
  /** What backs `cpu.aes256Ctr`. */
  readonly aes256Ctr: 'openssl EVP in the addon' | 'node:crypto createCipheriv';
}

export function describeLoad(load: AddonLoad): UnixStatus {
  if (load.binding === null) {
    const absent = { available: false, selfTest: 'not available without the addon' } as const;
    return {
      backend: 'unix',
      path: 'fallback',
      addon: { loaded: false, reason: load.reason },
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
  return {
    backend: 'unix',
    path: 'native',
    addon: { loaded: true, file: load.path },
    cycleCounter: f.cycleCounter,
    osRandom: f.osRandom,
    wallClock: 'clock_gettime(CLOCK_REALTIME)',
    rdrand: { available: f.rdrand, selfTest: f.rdrandSelfTest },
    rdseed: { available: f.rdseed, selfTest: f.rdseedSelfTest },
    loopHooks: 'libuv prepare/check handles',
    aes256Ctr: 'openssl EVP in the addon',
  };
}

/**
 * What os-web is built on, capability by capability: for diagnostics and for
 * `@shimkit/entropy`'s status. Static except `osRandom.available`, which says whether the runtime
 * had `crypto.getRandomValues` when os-web was loaded.
 */

import { HAS_GET_RANDOM_VALUES } from './random.js';

export interface WebStatus {
  readonly backend: 'web';
  readonly osRandom: { readonly source: 'crypto.getRandomValues (captured at load)'; readonly available: boolean; readonly chunk: 65_536 };
  readonly monotonicClock: 'performance.now()';
  readonly wallClock: 'Date.now()';
  readonly cycleCounter: 'performance.now() in ns, low 32 bits, +1 when the timer has not moved';
  readonly sleep: 'setTimeout, re-armed until the monotonic deadline';
  readonly rdrand: { readonly available: false; readonly reason: string };
  readonly rdseed: { readonly available: false; readonly reason: string };
  readonly loopHooks: 'setTimeout(0) task per iteration (unref where the runtime has it)';
  readonly console: 'console.error';
  readonly argv: 'none (empty)';
  readonly exit: 'process.exit, else worker close(), else WebExitError';
}

const NO_CPU_RNG = 'JavaScript in a Web runtime cannot execute CPU instructions';

export function webStatus(): WebStatus {
  return Object.freeze({
    backend: 'web',
    osRandom: Object.freeze({ source: 'crypto.getRandomValues (captured at load)', available: HAS_GET_RANDOM_VALUES, chunk: 65_536 }),
    monotonicClock: 'performance.now()',
    wallClock: 'Date.now()',
    cycleCounter: 'performance.now() in ns, low 32 bits, +1 when the timer has not moved',
    sleep: 'setTimeout, re-armed until the monotonic deadline',
    rdrand: Object.freeze({ available: false, reason: NO_CPU_RNG }),
    rdseed: Object.freeze({ available: false, reason: NO_CPU_RNG }),
    loopHooks: 'setTimeout(0) task per iteration (unref where the runtime has it)',
    console: 'console.error',
    argv: 'none (empty)',
    exit: 'process.exit, else worker close(), else WebExitError',
  } as const);
}

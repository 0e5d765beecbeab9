/**
 * os-unix assembled on pure JavaScript (no addon): one module per contract interface in this
 * folder (`time`, `main`, `cpu`, `random`, `env`, `lifecycle`, `console`). The result is checked
 * against the contract at compile time (`satisfies Os`).
 */

import type { Os } from '@shimkit/os-shim/contract';
import { console } from './console.js';
import { createFallbackCpu } from './cpu.js';
import { env } from './env.js';
import { lifecycle } from './lifecycle.js';
import { createFallbackMain } from './main.js';
import { createFallbackRandom } from './random.js';
import { createFallbackTime } from './time.js';

/** The fallback `os`. */
export function createFallbackOs() {
  return {
    name: 'unix',
    time: createFallbackTime(),
    main: createFallbackMain(),
    cpu: createFallbackCpu(),
    random: createFallbackRandom(),
    env,
    lifecycle,
    console,
  } as const satisfies Os;
}

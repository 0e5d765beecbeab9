/**
 * os-unix assembled on the native addon: one module per contract interface in this folder
 * (`time`, `main`, `cpu`, `random`, `env`, `lifecycle`, `console`). The result is checked
 * against the contract at compile time (`satisfies Os`).
 */

import type { Os } from '@shimkit/os-shim/contract';
import type { Binding } from '../addon.js';
import { console } from './console.js';
import { createNativeCpu } from './cpu.js';
import { env } from './env.js';
import { lifecycle } from './lifecycle.js';
import { createNativeMain } from './main.js';
import { createNativeRandom } from './random.js';
import { createNativeTime } from './time.js';

/** The native `os` over a loaded addon. */
export function createNativeOs(binding: Binding) {
  return {
    name: 'unix',
    time: createNativeTime(binding),
    main: createNativeMain(binding),
    cpu: createNativeCpu(binding).cpu,
    random: createNativeRandom(binding, binding.features().osRandom),
    env,
    lifecycle,
    console,
  } as const satisfies Os;
}

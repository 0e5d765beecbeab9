/**
 * The two ways os-unix is assembled: on the native addon, or on pure JavaScript. Each result is
 * checked against the contract at compile time (`satisfies Os`).
 */

import type { Cpu, Os } from '@shimkit/os-shim/contract';
import type { Binding } from './addon.js';
import { aes256Ctr, createNativeAes256Ctr } from './aes-ctr.js';
import { createFallbackCpu } from './cpu-fallback.js';
import { createNativeCpu } from './cpu-native.js';
import { createFallbackMain } from './main-fallback.js';
import { createNativeMain } from './main-native.js';
import { console, env, lifecycle } from './process-surface.js';
import { createFallbackRandom } from './random-fallback.js';
import { createNativeRandom } from './random-native.js';
import { createTime, dateWallNs } from './time.js';

/** Both paths add the AES-256-CTR accelerator (OpenSSL, see `aes-ctr.ts`). */
function withAes(cpu: Cpu, aes: NonNullable<Cpu['aes256Ctr']>): Cpu {
  return { ...cpu, aes256Ctr: aes };
}

export function createNativeOs(binding: Binding) {
  return {
    name: 'unix',
    time: createTime(() => binding.wallNs()),
    main: createNativeMain(binding),
    cpu: withAes(createNativeCpu(binding), createNativeAes256Ctr(binding)),
    random: createNativeRandom(binding, binding.features().osRandom),
    env,
    lifecycle,
    console,
  } as const satisfies Os;
}

export function createFallbackOs() {
  return {
    name: 'unix',
    time: createTime(dateWallNs),
    main: createFallbackMain(),
    cpu: withAes(createFallbackCpu(), aes256Ctr),
    random: createFallbackRandom(),
    env,
    lifecycle,
    console,
  } as const satisfies Os;
}

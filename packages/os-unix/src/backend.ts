/**
 * The two ways os-unix is assembled: on the native addon, or on pure JavaScript. Each result is
 * checked against the contract at compile time (`satisfies Os`).
 */

import type { Cpu, Os } from '@shimkit/os-shim/contract';
import type { Binding } from './addon.js';
import { aes256Ctr, chacha20, createNativeAes256Ctr, createNativeChacha20 } from './stream-ciphers.js';
import { createFallbackCpu } from './cpu-fallback.js';
import { createNativeCpu } from './cpu-native.js';
import { createFallbackMain } from './main-fallback.js';
import { createNativeMain } from './main-native.js';
import { console, env, lifecycle } from './process-surface.js';
import { createFallbackRandom } from './random-fallback.js';
import { createNativeRandom } from './random-native.js';
import { createTime, dateWallNs } from './time.js';

/** Both paths add the stream-cipher accelerators (OpenSSL, see `stream-ciphers.ts`). */
function withAccelerators(cpu: Cpu, aes: NonNullable<Cpu['aes256Ctr']>, chacha: NonNullable<Cpu['chacha20']>): Cpu {
  return { ...cpu, aes256Ctr: aes, chacha20: chacha };
}

export function createNativeOs(binding: Binding) {
  return {
    name: 'unix',
    time: createTime(() => binding.wallNs()),
    main: createNativeMain(binding),
    cpu: withAccelerators(createNativeCpu(binding), createNativeAes256Ctr(binding), createNativeChacha20(binding)),
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
    cpu: withAccelerators(createFallbackCpu(), aes256Ctr, chacha20),
    random: createFallbackRandom(),
    env,
    lifecycle,
    console,
  } as const satisfies Os;
}

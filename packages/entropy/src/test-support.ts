/**
 * Helpers shared by this package's tests (never part of the build: see tsconfig.build.json).
 */

/** Hex of exactly the bytes a view covers. */
export const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');

/** `ClassName:code` of what `fn` throws, or undefined when it does not throw. */
export const errorCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return `${(e as Error).constructor.name}:${(e as { code?: string }).code}`;
  }
  return undefined;
};

import type { Os } from '@shimkit/os-shim/contract';
import { os as fallbackOs } from '@shimkit/os-unix/fallback';
import { createUnsafeDeterministicRandom } from './unsafe-deterministic.js';

/**
 * A backend whose every input is reproducible (for comparing two runtimes byte for byte): the
 * os-unix fallback with a deterministic cycle counter and OS random, no CPU RNG, and `cpu`
 * extras (accelerators, lifecycle hooks) from `extra`.
 */
export function deterministicOs(seed: string, extra: { cpu?: Partial<Os['cpu']>; lifecycle?: Partial<Os['lifecycle']>; random?: Os['random'] | null } = {}): Os {
  const timing = createUnsafeDeterministicRandom(new TextEncoder().encode(`${seed}/cycles`));
  const osRandom = createUnsafeDeterministicRandom(new TextEncoder().encode(`${seed}/os`));
  let t = 0;
  const word = new Uint32Array(1);
  const random = extra.random === null ? undefined : (extra.random ?? { fill: (dest: Uint8Array) => void osRandom.fill(dest) });
  const { random: _r, ...rest } = fallbackOs;
  return {
    ...rest,
    ...(random ? { random } : {}),
    cpu: {
      cycles: () => {
        timing.fill(word);
        t = (t + 1000 + (word[0]! & 0xffff)) >>> 0;
        return t;
      },
      ...extra.cpu,
    },
    // The fake backend has a clone signal only when a test gives it one (os-unix's own listens to
    // V8 startup snapshots, which a fake must not inherit).
    lifecycle: { onShutdownRequest: fallbackOs.lifecycle.onShutdownRequest, exit: fallbackOs.lifecycle.exit, ...extra.lifecycle },
  };
}

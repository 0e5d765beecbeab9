/**
 * `Random` on the native path: getrandom(2) on Linux (EINTR and short reads retried), getentropy
 * on macOS. On an OS error the addon zeroes the view and this throws `OsRandomError`.
 */

import type { Random } from '@shimkit/os-shim/contract';
import { OsRandomError } from '@shimkit/os-shim/errors';
import { assertBytes } from '@shimkit/os-shim/validate';
import type { Binding } from '../addon.js';

export function createNativeRandom(binding: Binding, source: string): Random {
  return {
    fill(dest) {
      const view = assertBytes(dest, 'dest');
      try {
        binding.fillRandom(view);
      } catch (cause) {
        throw new OsRandomError(`${source} failed: ${(cause as Error).message}`, { cause });
      }
    },
  };
}

/**
 * Loading the os-unix native addon.
 *
 * The addon is found with node-gyp-build (a prebuild from `prebuilds/` matching this platform, or
 * the `build/Release` output of node-gyp), first in this package's directory, then — when this
 * code was bundled into a program, so that the directory is the bundle's — in the installed
 * `@shimkit/os-unix` package that Node resolves from there. It is not loaded when
 * `SHIMKIT_NO_ADDON=1`. Loading never throws: on failure the reason is kept for `status()` and
 * the pure-JS fallback is used.
 */

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the addon exports (see native/addon.cc). Arguments are validated on the JS side. */
export interface Binding {
  cycles(): number;
  wallNs(): bigint;
  features(): AddonFeatures;
  /** CPUID `leaf`/`subleaf` as `[eax, ebx, ecx, edx]` (zeros where absent or not x86-64). */
  cpuid(leaf: number, subleaf: number): [number, number, number, number];
  /** Sets the retry counts of the draws (from `CPU_RNG_POLICY`); until then every draw fails. */
  configureCpuRng(rdrandRetries: number, rdseedRetries: number): void;
  /** The retry counts in use (0 before `configureCpuRng`). */
  cpuRngConfig(): { rdrandRetries: number; rdseedRetries: number };
  /** One draw: the register when the carry flag got set within the retries, else `null`. */
  rdrand(): bigint | null;
  rdseed(): bigint | null;
  fillRandom(dest: Uint8Array): void;
  /** AES-256-CTR keystream into dest (OpenSSL EVP, in place); lengths checked by the caller. */
  aes256Ctr(key: Uint8Array, counter: Uint8Array, dest: Uint8Array): void;
  /** ChaCha20 keystream into dest (OpenSSL EVP); arguments checked by the caller. */
  chacha20(key: Uint8Array, nonce: Uint8Array, counter: number, dest: Uint8Array): void;
  traceSampling(on: boolean): void;
  traceHooks(enter: (() => void) | null, exit: (() => void) | null): void;
  traceDrain(dest: Uint32Array): number;
  readonly traceCapacity: number;
}

/** What the native side detected. */
export interface AddonFeatures {
  cycleCounter: 'rdtsc' | 'cntvct_el0' | 'clock_gettime';
  osRandom: 'getrandom' | 'getentropy';
  rdrandCpuid: boolean;
  rdseedCpuid: boolean;
  loopTrace: boolean;
}

export type AddonLoad =
  | { readonly binding: Binding; readonly path: string }
  | { readonly binding: null; readonly reason: string };

let cached: AddonLoad | undefined;

/** Where to look for the addon, in order (see the module comment). */
function packageRoots(require: NodeRequire): string[] {
  const roots = [fileURLToPath(new URL('..', import.meta.url))];
  try {
    roots.push(dirname(require.resolve('@shimkit/os-unix/package.json')));
  } catch {
    // Not installed as a package next to the bundle: only the first place applies.
  }
  return [...new Set(roots)];
}

/** Loads the addon once per thread (or returns why it is not in use). */
export function loadAddon(): AddonLoad {
  if (cached) return cached;
  if (process.env.SHIMKIT_NO_ADDON === '1') {
    cached = { binding: null, reason: 'disabled by SHIMKIT_NO_ADDON=1' };
    return cached;
  }
  const require = createRequire(import.meta.url);
  let firstError: unknown;
  try {
    const nodeGypBuild = require('node-gyp-build') as { (dir: string): unknown; path(dir: string): string };
    for (const root of packageRoots(require)) {
      try {
        const path = nodeGypBuild.path(root);
        cached = { binding: require(path) as Binding, path };
        return cached;
      } catch (error) {
        firstError ??= error;
      }
    }
  } catch (error) {
    firstError = error;
  }
  cached = { binding: null, reason: `addon not loaded: ${(firstError as Error).message.split('\n')[0]}` };
  return cached;
}

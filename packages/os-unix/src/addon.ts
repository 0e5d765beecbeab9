/**
 * Loading the os-unix native addon.
 *
 * The addon is found with node-gyp-build (the `build/Release` output of node-gyp when there is
 * one, else a prebuild from `prebuilds/<platform>-<arch>/` whose tags match this process — N-API,
 * and the C library: a prebuild tagged `glibc` is never loaded on musl, node-gyp-build reads the
 * libc from `LIBC` or the presence of `/etc/alpine-release`), first in this package's directory, then — when this
 * code was bundled into a program, so that the directory is the bundle's — in the installed
 * `@shimkit/os-unix` package that Node resolves from there. It is not loaded when
 * `SHIMKIT_NO_ADDON=1`, nor while the process is building a V8 startup snapshot
 * (`node --build-snapshot`): a snapshot cannot hold a native addon's handles (V8 aborts with
 * "global handle not serialized"), so such a process, and every process started from its
 * snapshot, runs on the fallback, and `status()` says why. `node:module` is reached through
 * `process.getBuiltinModule` only when the addon is really loaded, so a snapshot builder never
 * loads it. Loading never throws: on failure the reason is kept for `status()` and
 * the pure-JS fallback is used.
 */

import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startupSnapshot } from 'node:v8';

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

/** Why the addon is not in use: turned off on purpose, or not there (neither prebuild nor build). */
export type AddonAbsence = 'disabled' | 'missing';

export type AddonLoad =
  | { readonly binding: Binding; readonly path: string }
  | { readonly binding: null; readonly reason: string; readonly absence: AddonAbsence };

/** How to get the addon when it is missing (for `status()` and the one-time warning). */
export const ADDON_FIX =
  'install on a platform with a prebuild (linux x64/arm64 glibc or musl, macOS x64/arm64), or build it: ' +
  'allow the install script (npm 11: `npm install-scripts approve @shimkit/os-unix`) and run ' +
  '`npm rebuild @shimkit/os-unix` (needs python3, make and a C++ compiler); ' +
  'set SHIMKIT_NO_ADDON=1 to choose the fallback on purpose';

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
    cached = { binding: null, reason: 'disabled by SHIMKIT_NO_ADDON=1', absence: 'disabled' };
    return cached;
  }
  // Node 20 returns a number here (1), not a boolean.
  if (startupSnapshot?.isBuildingSnapshot?.()) {
    cached = {
      binding: null,
      reason: 'the process is building a V8 startup snapshot, which cannot hold a native addon',
      absence: 'disabled',
    };
    return cached;
  }
  const { createRequire } = process.getBuiltinModule('node:module');
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
  cached = { binding: null, reason: `addon not loaded: ${(firstError as Error).message.split('\n')[0]}`, absence: 'missing' };
  return cached;
}

/**
 * The default instance: the entropy runtime on the linked OS backend (`@shimkit/os-shim`, which
 * the program's bundler or Node's package conditions resolve to one backend), and the user API
 * bound to it.
 *
 * Importing this module creates nothing: the runtime is built on first use, probes the
 * accelerators and seeds itself then (synchronously) and starts its sources; `initialize()` does
 * that explicitly and returns the status; `stop()` undoes it. Each JavaScript realm (the main
 * thread, every worker thread) has its own module instance, hence its own independently seeded
 * state. Each function validates its arguments once and calls the runtime directly.
 */

import { os } from '@shimkit/os-shim';
import { EntropyRuntime, type InitializeOptions } from './runtime.js';
import type { EntropyStatus } from './status.js';

let runtime: EntropyRuntime | undefined;

function current(): EntropyRuntime {
  return (runtime ??= new EntropyRuntime(os));
}

/**
 * Seeds the default generator now and starts its sources; returns the status.
 *
 * @throws NoEntropyError `ERR_NO_ENTROPY` when the sources give less than 256 bits of credited entropy.
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` for an unknown option key or a wrong type.
 * @example const st = initialize(); st.seededFrom; // e.g. ['rdseed', 'os-random']
 */
export function initialize(options?: InitializeOptions): EntropyStatus {
  return current().initialize(options);
}

/** Stops the sources, hooks and clone subscription and wipes buffered output; the next request re-initializes. */
export function stop(): void {
  runtime?.stop();
}

/**
 * Tell the library the VM or process image was snapshotted or cloned: the next request reseeds
 * from fresh sources. (Backends with `os.lifecycle.onClone` do this by themselves.)
 */
export function notifyClone(): void {
  runtime?.notifyClone();
}

/**
 * Backend, sources and their health, accelerators, pool state and reseeds of the default
 * generator. Draws nothing and probes nothing.
 */
export function status(): EntropyStatus {
  return current().status();
}

/**
 * `n` random bytes (0 ≤ n ≤ 2^31 − 1).
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` / ShimkitRangeError `ERR_OUT_OF_RANGE` for a bad `n`;
 *   NoEntropyError `ERR_NO_ENTROPY`.
 * @example randomBytes(32); // Uint8Array(32)
 */
export function randomBytes(n: number): Uint8Array {
  return current().randomBytes(n);
}

/** Same as `randomBytes`. */
export function generate(n: number): Uint8Array {
  return current().randomBytes(n);
}

/**
 * Overwrites every byte of `dest` with random bytes and returns it. `dest` is an integer typed
 * array (any, including Node's `Buffer`) or a DataView; float arrays are refused, as
 * `crypto.getRandomValues` refuses them. On an argument error `dest` is untouched; on any other
 * error it is all zero.
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` / `ERR_DETACHED_BUFFER` / `ERR_READ_ONLY_BUFFER`,
 *   ShimkitRangeError `ERR_OUT_OF_RANGE`, NoEntropyError `ERR_NO_ENTROPY`.
 * @example fill(new Uint32Array(8));
 */
export function fill<T extends ArrayBufferView>(dest: T): T {
  return current().fill(dest);
}

/**
 * An RFC 9562 version-4 UUID.
 *
 * @throws NoEntropyError `ERR_NO_ENTROPY`.
 * @example randomUUID(); // '3b241101-e2bb-4255-8caf-4136c566a962'
 */
export function randomUUID(): string {
  return current().randomUUID();
}

/**
 * A uniformly distributed integer in [min, max) — or [0, max) with one argument — by rejection
 * sampling. Arguments follow Node's `crypto.randomInt`: safe integers (else `ShimkitTypeError`
 * `ERR_INVALID_ARG_TYPE`), max > min and max − min < 2^48 (else `ShimkitRangeError` `ERR_OUT_OF_RANGE`).
 *
 * @throws ShimkitTypeError, ShimkitRangeError, NoEntropyError `ERR_NO_ENTROPY`.
 * @example randomInt(6); randomInt(10, 20);
 */
export function randomInt(min: number, max?: number): number {
  return current().randomInt(min, max);
}

/**
 * Mixes caller-supplied seed material into the default generator (it keeps its own sources too;
 * this never replaces them).
 *
 * @throws ShimkitTypeError for a bad `seed`; NoEntropyError `ERR_NO_ENTROPY`.
 */
export function reseed(seed: Uint8Array): void {
  current().reseed(seed);
}

/** Whether the default generator has been seeded (false before first use or after `stop()`). */
export function isSeeded(): boolean {
  return runtime?.initialized ?? false;
}

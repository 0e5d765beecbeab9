/**
 * The default instance: the entropy runtime on the linked OS backend (`@shimkit/os-shim`, which
 * the program's bundler or Node's package conditions resolve to one backend), and the user API
 * bound to it.
 *
 * Importing this module creates nothing: the runtime is built on first use, seeds itself then
 * (synchronously) and starts its sources; `initialize()` does that explicitly and returns the
 * status; `stop()` undoes it. Each JavaScript realm (the main thread, every worker thread) has
 * its own module instance, hence its own independently seeded state.
 */

import { os } from '@shimkit/os-shim';
import { createRandom, type Random } from './random.js';
import { EntropyRuntime, type InitializeOptions } from './runtime.js';
import type { EntropyStatus } from './status.js';

let runtime: EntropyRuntime | undefined;
let api: Random | undefined;

function current(): EntropyRuntime {
  return (runtime ??= new EntropyRuntime(os));
}

function random(): Random {
  return (api ??= createRandom(current().generator));
}

/** Seeds the default generator now and starts its sources; returns the status. Throws `NoEntropyError`. */
export function initialize(options?: InitializeOptions): EntropyStatus {
  return current().initialize(options);
}

/** Stops the sources and hooks and wipes buffered output; the next request re-initializes. */
export function stop(): void {
  runtime?.stop();
}

/** Tell the library the VM was snapshotted or cloned: the next request reseeds from fresh sources. */
export function notifyClone(): void {
  runtime?.notifyClone();
}

/** Backend, sources, health, pool state and reseeds of the default generator (no side effects). */
export function status(): EntropyStatus {
  return current().status();
}

/** `n` random bytes (0 ≤ n ≤ 2^31 − 1). */
export function randomBytes(n: number): Uint8Array {
  return random().randomBytes(n);
}

/** Same as `randomBytes`. */
export function generate(n: number): Uint8Array {
  return random().generate(n);
}

/** Overwrites every byte of `dest` (any ArrayBufferView) with random bytes. */
export function fill<T extends ArrayBufferView>(dest: T): T {
  random().fill(dest);
  return dest;
}

/** An RFC 9562 version-4 UUID. */
export function randomUUID(): string {
  return random().randomUUID();
}

/** A uniformly distributed integer in [min, max) — or [0, max) with one argument. */
export function randomInt(min: number, max?: number): number {
  return max === undefined ? random().randomInt(min) : random().randomInt(min, max);
}

/** Mixes caller-supplied seed material into the default generator (it keeps its own sources too). */
export function reseed(seed: Uint8Array): void {
  random().reseed(seed);
}

/** Whether the default generator has been seeded (false before first use or after `stop()`). */
export function isSeeded(): boolean {
  return runtime?.initialized ?? false;
}

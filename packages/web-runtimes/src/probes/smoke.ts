/**
 * The entropy smoke test: `@shimkit/entropy` linked to os-web (through the same alias), run in
 * the runtime. Checks, with values the test asserts on:
 * - the default instance initializes, and what `status()` says (backend, seed sources, each
 *   source's health) right after start-up and again after `settleMs` of loop iterations, so the
 *   loop-timer source's start-up assessment has had its samples;
 * - 1 MiB of output is not constant (every byte value occurs, zero count near 1/256);
 * - two independent runtimes (`new EntropyRuntime(os)`) give different output.
 */

import { createRandom, EntropyRuntime, type EntropyStatus, initialize, randomBytes, status } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';

export interface SmokeResult {
  readonly statusAtStart: EntropyStatus;
  readonly statusSettled: EntropyStatus;
  readonly settledAfterMs: number;
  readonly mib: { readonly length: number; readonly distinctBytes: number; readonly zeros: number; readonly first16: string };
  readonly twoInstances: { readonly a: string; readonly b: string };
  readonly uuid: string;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export async function runSmoke(settleMs: number): Promise<SmokeResult> {
  const statusAtStart = initialize();
  const out = randomBytes(1 << 20);
  const seen = new Set<number>();
  let zeros = 0;
  for (const x of out) {
    seen.add(x);
    if (x === 0) zeros++;
  }
  const a = createRandom(new EntropyRuntime(os).generator).randomBytes(32);
  const b = createRandom(new EntropyRuntime(os).generator).randomBytes(32);
  const uuid = createRandom(new EntropyRuntime(os).generator).randomUUID();
  // Let the main loop turn so the loop-timer source sees its start-up samples.
  const t0 = Date.now();
  while (Date.now() - t0 < settleMs) {
    await new Promise((r) => setTimeout(r, 50));
    randomBytes(16); // requests drive upkeep (pool feeding, reseeds)
  }
  return {
    statusAtStart,
    statusSettled: status(),
    settledAfterMs: Date.now() - t0,
    mib: { length: out.length, distinctBytes: seen.size, zeros, first16: hex(out.subarray(0, 16)) },
    twoInstances: { a: hex(a), b: hex(b) },
    uuid,
  };
}

/** Shared helpers of the executors tests (not shipped). */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CallFailure, CallResult, CallSuccess } from '../src/result.js';

export const vector = (path: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`./vectors/${path}`, import.meta.url))));
export const wasm = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`./build/${name}.wasm`, import.meta.url))));
export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
export const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** The `code` of what `fn` throws (undefined if it does not throw). */
export function codeOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
}

/** The `code` of the rejection of `p`. */
export async function asyncCodeOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: unknown }).code;
  }
  return undefined;
}

/** The success, or an Error naming the fault's kind and message (a test's assertion on a call that must work). */
export function ok(r: CallResult): CallSuccess {
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r;
}

/** The failure, or an Error naming the value (a test's assertion on a call that must fail). */
export function fault(r: CallResult): CallFailure {
  if (r.ok) throw new Error(`expected a failure, got value ${r.value}`);
  return r;
}

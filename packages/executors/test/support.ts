/** Shared helpers of the executors tests (not shipped). */

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

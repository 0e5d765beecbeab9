/**
 * The Web platform globals os-web uses, typed here instead of through the DOM library so that the
 * package compiles with no ambient environment (`types: []`) and its code can name every global
 * it touches. What each runtime must have:
 *
 * - Web Crypto: `crypto.getRandomValues` (W3C Web Cryptography API, §10.1.1).
 * - High Resolution Time: `performance.now()` (W3C HR-Time Level 3, §4).
 * - HTML timers: `setTimeout` / `clearTimeout` (HTML §8.6), and ECMAScript `Date.now()`.
 *
 * Optional, used only where present: `unref()` on a timer handle (Node, Bun), `Deno.unrefTimer`
 * (Deno), `reportError` (HTML §8.1.4.6), `close()` of a worker global scope, `process.exit`.
 */

/** A timer handle: a number in browsers, Deno and workerd; an object with `unref()` in Node and Bun. */
export type TimerHandle = number | { unref?(): unknown };

export interface WebGlobals {
  readonly crypto?: { getRandomValues?<T extends ArrayBufferView>(array: T): T };
  readonly performance?: { now(): number };
  setTimeout(callback: () => void, ms?: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  readonly console?: { error?(...data: unknown[]): void; log?(...data: unknown[]): void };
  readonly reportError?: (error: unknown) => void;
  readonly Deno?: { unrefTimer?(id: number): void };
  readonly close?: () => void;
  readonly process?: { exit?(code: number): never };
  readonly WorkerGlobalScope?: unknown;
}

/** `globalThis`, seen through the Web globals os-web may use. */
export const web = globalThis as unknown as WebGlobals;

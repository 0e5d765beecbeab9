/**
 * `Random` on the pure-JS path: Web Crypto's `getRandomValues` (Node's OpenSSL CSPRNG, seeded
 * from the OS) taken from `node:crypto`'s `webcrypto` when this module loads — not from
 * `globalThis.crypto`, which user code or a polyfill can replace — called on 65 536-byte chunks,
 * its per-call limit, through the one chunked OS-random fill of `@shimkit/os-shim/os-random`. On
 * failure the view is all zero and `OsRandomError` is thrown. Never `Math.random`.
 */

import { webcrypto } from 'node:crypto';
import type { Random } from '@shimkit/os-shim/contract';
import { fillFromOs } from '@shimkit/os-shim/os-random';

/** Web Crypto's quota per `getRandomValues` call. */
export const GET_RANDOM_VALUES_MAX = 65_536;

/** Node's own `getRandomValues`, bound once, out of reach of later changes to globals. */
const nodeGetRandomValues: (chunk: Uint8Array) => void = webcrypto.getRandomValues.bind(webcrypto) as (chunk: Uint8Array) => void;

/**
 * The fallback `Random`. `getRandomValues` is for failure-injection tests; programs use the default.
 */
export function createFallbackRandom(getRandomValues: (chunk: Uint8Array) => void = nodeGetRandomValues): Random {
  const source = { name: 'crypto.getRandomValues', chunk: GET_RANDOM_VALUES_MAX, fill: getRandomValues };
  return { fill: (dest) => fillFromOs(dest, source) };
}

/**
 * Does `npm install @shimkit/entropy` work in Deno and Bun as it is, i.e. with the unix backend
 * and its N-API addon? This entry links `@shimkit/os-shim` to `@shimkit/os-unix` but leaves
 * os-unix external, so the runtime loads it from node_modules exactly as a user's program would
 * (its addon loader, node-gyp-build, the .node file). Prints os-unix's status and the conformance
 * results as one JSON line.
 */

import { os } from '@shimkit/os-shim';
import { status } from '@shimkit/os-unix';
import { runCollected } from '../runner/run.js';
import { registerConformance } from '../probes/conformance.js';

// os-unix's own harness (one libuv iteration = one setImmediate); presence checks as os-unix's
// own conformance test makes them, except RDRAND (whatever this CPU has).
const unix = status();
const { setImmediate } = globalThis as unknown as { setImmediate(callback: () => void): void };
registerConformance(() => new Promise<void>((resolve) => setImmediate(resolve)), {
  expectRandom: true,
  expectAes256Ctr: true,
  expectChacha20: true,
});
const conformance = await runCollected();
console.log(JSON.stringify({ backend: os.name, unixStatus: unix, conformance }));

/**
 * The bare-engine program: the main of a Xen unikernel whose only link to the world is the
 * host ABI. Bundled by `rollup.config.js` with `@shimkit/os-shim` aliased to this backend, it
 * contains `@shimkit/entropy` and `@shimkit/os-xen` and nothing else, and runs in QuickJS with
 * no globals but the engine's built-ins and `__shimkitXenHost` (see `src/bare-engine.test.ts`).
 *
 * It seeds the default generator from the unikernel's sources (RDSEED/RDRAND, timing), prints
 * random bytes and the entropy status through the console ABI, and exits through the shutdown
 * ABI. Lines are prefixed so the test can parse them.
 */

import { initialize, randomBytes, status } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';
import { status as backendStatus, run } from '@shimkit/os-xen';

const HEX = '0123456789abcdef';

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

run(async () => {
  os.console.log(`bare: start backend=${os.name} argv=${JSON.stringify(os.env.argv())}`);
  const t0 = os.time.monotonicNs();
  await os.time.sleepNs(5_000_000n);
  os.console.log(`bare: slept-ns=${os.time.monotonicNs() - t0} wall-ns=${os.time.wallNs()}`);
  initialize();
  os.console.log(`bare: random=${hex(randomBytes(32))}`);
  os.console.log(`bare: random=${hex(randomBytes(32))}`);
  await os.time.sleepNs(0);
  os.console.log(`bare: status=${JSON.stringify(status())}`);
  os.console.log(`bare: backend-status=${JSON.stringify(backendStatus())}`);
  os.lifecycle.exit(0);
}).catch((error: unknown) => {
  os.console.log(`bare: fatal ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  os.lifecycle.exit(1);
});

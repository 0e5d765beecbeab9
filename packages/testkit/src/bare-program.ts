/**
 * The guest program of the bare-engine proofs: the main of a unikernel whose only link to the
 * world is its host ABI. Each backend's `src/bare/entry.ts` calls `runBareProgram` with the
 * linked `os`, its own `run` and `@shimkit/entropy`, and is bundled with `@shimkit/os-shim`
 * aliased to that backend; the bundle runs in QuickJS with no globals but the engine's built-ins
 * and the host ABI (see `./testing/bare-engine.ts` and `./testing/bare-suite.ts`).
 *
 * It prints its backend and argv, sleeps 50 ms on the main loop (long enough that the loop must
 * block, even on a loaded machine), prints the time slept and the wall clock, seeds the default
 * generator from the unikernel's sources (RDSEED/RDRAND, timing),
 * prints two 32-byte random values and the entropy status (and the backend's status when given),
 * then exits with status 0; a failure prints `bare: fatal …` and exits with 1. Every line starts
 * with `bare: ` so the test can parse them. Uses ECMAScript built-ins only.
 */

import type { Os } from '@shimkit/os-shim/contract';

export interface BareProgramParts {
  /** The linked shim: the backend's `os`. */
  readonly os: Os;
  /** The backend's main loop (`run` of the backend package). */
  run(program: () => Promise<void>): Promise<unknown>;
  /** `@shimkit/entropy`'s default instance. */
  initialize(): void;
  randomBytes(length: number): Uint8Array;
  status(): unknown;
  /** The backend's own `status()`, printed as `bare: backend-status=` when given. */
  backendStatus?: () => unknown;
}

const HEX = '0123456789abcdef';

function hex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b >> 4]! + HEX[b & 15]!;
  return out;
}

export function runBareProgram(parts: BareProgramParts): void {
  const { os, initialize, randomBytes, status, backendStatus } = parts;
  parts
    .run(async () => {
      os.console.log(`bare: start backend=${os.name} argv=${JSON.stringify(os.env.argv())}`);
      const t0 = os.time.monotonicNs();
      await os.time.sleepNs(50_000_000n);
      os.console.log(`bare: slept-ns=${os.time.monotonicNs() - t0} wall-ns=${os.time.wallNs()}`);
      initialize();
      os.console.log(`bare: random=${hex(randomBytes(32))}`);
      os.console.log(`bare: random=${hex(randomBytes(32))}`);
      await os.time.sleepNs(0);
      os.console.log(`bare: status=${JSON.stringify(status())}`);
      if (backendStatus) os.console.log(`bare: backend-status=${JSON.stringify(backendStatus())}`);
      os.lifecycle.exit(0);
    })
    .catch((error: unknown) => {
      os.console.log(`bare: fatal ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      os.lifecycle.exit(1);
    });
}

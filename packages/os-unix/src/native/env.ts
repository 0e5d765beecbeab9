/**
 * `Env` on Node (native and fallback paths alike): the program's arguments are
 * `process.argv` after the Node executable and the script, frozen.
 */

import type { Env } from '@shimkit/os-shim/contract';

/** `env.argv()`: `process.argv.slice(2)`, frozen. */
export const env: Env = {
  argv: () => Object.freeze(process.argv.slice(2)),
};

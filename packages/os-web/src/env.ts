/**
 * `Env` on the Web platform. A page, a worker or a workerd isolate is started with no argument
 * vector, so `argv()` is an empty, frozen array everywhere. (Deno and Bun programs that need
 * their command line read `Deno.args` / `process.argv` themselves, or link the unix backend.)
 */

import type { Env } from '@shimkit/os-shim/contract';

const NO_ARGS: readonly string[] = Object.freeze([]);

export const env: Env = {
  argv: () => NO_ARGS,
};

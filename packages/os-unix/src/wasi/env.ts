/**
 * `Env` on WASI 0.2: `wasi:cli/environment.get-arguments` without its first element, the program
 * name (POSIX-style arguments; preview2-shim passes Node's script path there, wasmtime the module).
 */

import type { Env } from '@shimkit/os-shim/contract';
import { getArguments } from 'wasi:cli/environment@0.2.12';

/** `env.argv()`: the component's arguments after the program name, frozen. */
export const env: Env = {
  argv: () => Object.freeze(getArguments().slice(1)),
};

/**
 * `Lifecycle` on WASI 0.2.
 *
 * - Shutdown requests: WASI 0.2 has no signal or shutdown notification, so hooks are registered
 *   and unregistered as the contract says but are never called.
 * - `exit`: `wasi:cli/exit.exit` for 0 (ok) and 1 (err), `exit-with-code` for any other code in
 *   [0, 255] (preview2-shim provides it; wasmtime gates it behind `-S cli-exit-with-code`).
 */

import type { Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { HookList } from '@shimkit/os-shim/hook-list';
import { assertIntInRange } from '@shimkit/os-shim/validate';
import { exit as exitWithStatus, exitWithCode } from 'wasi:cli/exit@0.2.12';

/** Kept as the contract says; WASI 0.2 never asks, so they never run. */
const shutdownHooks = new HookList<[ShutdownKind]>();

export const lifecycle: Lifecycle = {
  onShutdownRequest: (hook): Unregister => shutdownHooks.add(hook, 'hook'),
  exit(code): never {
    const status = assertIntInRange(code, 'code', 0, 255);
    if (status === 0) exitWithStatus({ tag: 'ok' });
    else if (status === 1) exitWithStatus({ tag: 'err' });
    else exitWithCode(status);
    throw new Error(`wasi:cli/exit returned instead of ending the instance (code ${status})`);
  },
};

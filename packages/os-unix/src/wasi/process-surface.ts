/**
 * `Env`, `Lifecycle` and `Console` on WASI 0.2.
 *
 * - `argv`: `wasi:cli/environment.get-arguments` without its first element, the program name
 *   (POSIX-style arguments; preview2-shim passes Node's script path there, wasmtime the module).
 * - Shutdown requests: WASI 0.2 has no signal or shutdown notification, so hooks are registered
 *   and unregistered as the contract says but are never called.
 * - `exit`: `wasi:cli/exit.exit` for 0 (ok) and 1 (err), `exit-with-code` for any other code in
 *   [0, 255] (preview2-shim provides it; wasmtime gates it behind `-S cli-exit-with-code`).
 * - `console.log`: one line to `wasi:cli/stderr`, UTF-8, through `blocking-write-and-flush`
 *   in pieces of at most 4096 bytes, the most that call accepts.
 */

import type { Console, Env, Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertIntInRange, assertString } from '@shimkit/os-shim/validate';
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { exit as exitWithStatus, exitWithCode } from 'wasi:cli/exit@0.2.12';
import { getStderr } from 'wasi:cli/stderr@0.2.12';
import type { OutputStream } from 'wasi:io/streams@0.2.12';

/** The most `blocking-write-and-flush` accepts in one call. */
const WRITE_MAX = 4096;

export const env: Env = {
  argv: () => Object.freeze(getArguments().slice(1)),
};

const shutdownHooks = new Set<{ fn: (kind: ShutdownKind) => void }>();

export const lifecycle: Lifecycle = {
  onShutdownRequest(hook): Unregister {
    const entry = { fn: assertFunction<(kind: ShutdownKind) => void>(hook, 'hook') };
    shutdownHooks.add(entry);
    return () => void shutdownHooks.delete(entry);
  },
  exit(code): never {
    const status = assertIntInRange(code, 'code', 0, 255);
    if (status === 0) exitWithStatus({ tag: 'ok' });
    else if (status === 1) exitWithStatus({ tag: 'err' });
    else exitWithCode(status);
    throw new Error(`wasi:cli/exit returned instead of ending the instance (code ${status})`);
  },
};

let stderr: OutputStream | null = null;
const encoder = new TextEncoder();

export const console: Console = {
  log(line) {
    const bytes = encoder.encode(`${assertString(line, 'line')}\n`);
    stderr ??= getStderr();
    for (let off = 0; off < bytes.length; off += WRITE_MAX) {
      stderr.blockingWriteAndFlush(bytes.subarray(off, off + WRITE_MAX));
    }
  },
};

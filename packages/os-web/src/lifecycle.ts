/**
 * `Lifecycle` on the Web platform.
 *
 * - Shutdown requests: the Web platform has no equivalent of SIGTERM or a hypervisor's shutdown
 *   request (a page's `pagehide` is not a request, and it cannot be refused or delayed), so hooks
 *   are registered and unregistered as the contract says, never keep anything alive, and are
 *   never called.
 * - `onClone` is absent: no Web runtime tells a program that its memory image was cloned.
 * - `exit(code)`: ends the program in the best way the runtime has — `process.exit(code)` where a
 *   `process.exit` function exists (Bun, Deno 2, Node; workerd, where it cancels the current
 *   request, with recent compatibility dates), else `close()` of a worker global scope
 *   (a dedicated or shared worker closes itself) — and then, since a page or a workerd isolate
 *   cannot end itself, throws `WebExitError` (`ERR_WEB_EXIT`) so that no more of the current
 *   task runs. It never returns.
 */

import type { Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertIntInRange } from '@shimkit/os-shim/validate';
import { web } from './web-globals.js';

/** Thrown by `exit` where the runtime cannot end the program: the page or isolate goes on. */
export class WebExitError extends Error {
  readonly code = 'ERR_WEB_EXIT' as const;
  /** The exit code that was asked for. */
  readonly exitCode: number;
  constructor(exitCode: number) {
    super(`exit(${exitCode}) was called, but this Web runtime cannot end the program; the current task is stopped by this error`);
    this.name = 'WebExitError';
    this.exitCode = exitCode;
  }
}

const shutdownHooks = new Set<{ fn: (kind: ShutdownKind) => void }>();

export const lifecycle: Lifecycle = {
  onShutdownRequest(hook): Unregister {
    const entry = { fn: assertFunction<(kind: ShutdownKind) => void>(hook, 'hook') };
    shutdownHooks.add(entry);
    return () => void shutdownHooks.delete(entry);
  },
  /**
   * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` when `code` is not a number.
   * @throws {ShimkitRangeError} `ERR_OUT_OF_RANGE` when `code` is not an integer in [0, 255].
   * @throws {WebExitError} `ERR_WEB_EXIT` where the runtime cannot end the program.
   */
  exit(code): never {
    const status = assertIntInRange(code, 'code', 0, 255);
    if (typeof web.process?.exit === 'function') web.process.exit(status);
    if (web.WorkerGlobalScope !== undefined && typeof web.close === 'function') web.close();
    throw new WebExitError(status);
  },
};

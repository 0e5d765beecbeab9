/**
 * `Lifecycle` for a unikernel guest. Shutdown-request hooks are kept in a `HookList`; the backend
 * delivers requests (`shutdownHooks.run(report, kind)`) where its platform has them and keeps
 * them, never called, where it has none. `exit(code)` checks the status (an integer in
 * [0, 255]), marks the main loop exited, calls the host's halt — which does not return on a real
 * platform — and, should it return (a simulator), throws `GuestExit` so nothing after `exit`
 * runs; `main.run` treats that as the program's end. `onClone` (the contract's optional clone
 * signal) is offered when the backend's platform can tell (`detectsClone`); its hooks are kept in
 * `cloneHooks` for the backend to run.
 */

import type { CloneKind, Lifecycle, ShutdownKind } from '@shimkit/os-shim/contract';
import { assertIntInRange } from '@shimkit/os-shim/validate';
import { HookList } from '@shimkit/os-shim/hook-list';
import type { MainLoop } from './main.js';

export interface GuestLifecycle {
  /** The contract's `Lifecycle`. */
  readonly lifecycle: Lifecycle;
  /** The hooks registered with `onShutdownRequest`, for the backend to run on a request. */
  readonly shutdownHooks: HookList<[ShutdownKind]>;
  /** The hooks registered with `onClone` (when offered), for the backend to run on a clone/resume. */
  readonly cloneHooks: HookList<[CloneKind]>;
}

/**
 * `Lifecycle` for a guest; `halt(status)` is the host's end-of-guest call with the checked exit status.
 *
 * @throws {ShimkitTypeError} / {ShimkitRangeError} from `exit` for a status that is not an integer in
 *   [0, 255] (before `halt`); {GuestExit} `ERR_GUEST_EXITED` from `exit` when `halt` returns;
 *   {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` from `onShutdownRequest` for a non-function.
 * @example
 * const { lifecycle, shutdownHooks } = createLifecycle(loop, (status) => host.solo5_exit(status));
 */
export function createLifecycle(
  loop: Pick<MainLoop, 'exited'>,
  halt: (status: number) => void,
  options: { readonly detectsClone?: boolean } = {},
): GuestLifecycle {
  const shutdownHooks = new HookList<[ShutdownKind]>();
  const cloneHooks = new HookList<[CloneKind]>();
  const clone: Pick<Lifecycle, 'onClone'> = options.detectsClone ? { onClone: (hook) => cloneHooks.add(hook, 'hook') } : {};
  return {
    shutdownHooks,
    cloneHooks,
    lifecycle: {
      ...clone,
      onShutdownRequest: (hook) => shutdownHooks.add(hook, 'hook'),
      exit(code: number): never {
        const status = assertIntInRange(code, 'code', 0, 255);
        const error = loop.exited(status);
        halt(status);
        throw error;
      },
    },
  };
}

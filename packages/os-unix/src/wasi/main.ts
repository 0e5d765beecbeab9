/**
 * `Main` on WASI 0.2, in a ComponentizeJS (StarlingMonkey) guest.
 *
 * What an "iteration" is there: a component does not run between calls. StarlingMonkey's event
 * loop turns only while the host is inside a call of one of the component's exports that returned
 * a promise: ComponentizeJS then runs the loop (timers, each woken through `wasi:io/poll`) until
 * that promise settles, and the call returns. A synchronous export runs no loop turn. So hooks
 * run during async export calls only, and not at all in between.
 *
 * StarlingMonkey gives JavaScript no hook into its loop, so, as on the unix JS fallback, one
 * `setTimeout(…, 0)` task is re-armed every turn while hooks are registered, and it runs the
 * enter hooks and then the exit hooks of that turn: the two cannot be told apart (the contract
 * allows this and asks for it to be said). The task does not keep the loop alive: an export call
 * returns as soon as its own promise settles, whatever timers are pending; the next async call
 * picks the pending task up again.
 *
 * Hook errors: every hook registered when the turn starts runs, even if some throw; then the
 * turn rethrows the one error, or an `AggregateError` of several. Thrown from the event-loop
 * task, that is StarlingMonkey's uncaught-error path, which prints the error and ends the
 * current call with a trap (as an uncaught exception ends a Node process).
 */

import type { Main } from '@shimkit/os-shim/contract';
import { HookList } from '@shimkit/os-shim/hook-list';

/** Throws what the hooks of one turn threw, if anything. */
function rethrow(errors: readonly unknown[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} main-loop hooks threw`);
}

export function createMain(): Main {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const turn = (): void => {
    pending = null;
    arm();
    const errors: unknown[] = [];
    const collect = (error: unknown): void => void errors.push(error);
    enter.run(collect);
    exit.run(collect);
    rethrow(errors);
  };
  function arm(): void {
    if (pending === null && enter.size + exit.size > 0) pending = setTimeout(turn, 0);
  }
  const sync = (): void => {
    if (enter.size + exit.size > 0) arm();
    else if (pending !== null) {
      clearTimeout(pending);
      pending = null;
    }
  };
  const enter: HookList = new HookList(sync);
  const exit: HookList = new HookList(sync);
  return {
    atEnterIter: (hook) => enter.add(hook, 'hook'),
    atExitIter: (hook) => exit.add(hook, 'hook'),
  };
}

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
 * picks the pending task up again. Hook errors: see `./hooks.ts`.
 */

import type { Main } from '@shimkit/os-shim/contract';
import { Hooks, rethrow } from './hooks.js';

export function createMain(): Main {
  let pending: ReturnType<typeof setTimeout> | null = null;
  const turn = (): void => {
    pending = null;
    arm();
    const errors = enter.run();
    errors.push(...exit.run());
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
  const enter: Hooks = new Hooks(sync);
  const exit: Hooks = new Hooks(sync);
  return {
    atEnterIter: (hook) => enter.add(hook),
    atExitIter: (hook) => exit.add(hook),
  };
}

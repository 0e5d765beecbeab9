/**
 * `Main` on the Web platform.
 *
 * A Web runtime gives JavaScript no hook into its event loop (HTML §8.1.7), so one iteration here
 * is one timer task: while any hook is registered, a `setTimeout(…, 0)` task is armed; when it
 * runs it re-arms itself and runs the enter hooks, then the exit hooks, of that turn (the two
 * cannot be told apart; the contract allows this and asks for it to be said). A timer and not a
 * `MessageChannel` message, on purpose: a self-re-posting message is never clamped, so it would
 * turn the loop as fast as the CPU allows for as long as a hook is registered (the entropy
 * runtime keeps one for its whole life), while a re-armed timer is clamped by browsers to at
 * least 4 ms after five nested levels (HTML §8.6 step 10), so hooks run at most about 250 times
 * a second in a page, less in a background tab, and about every millisecond in Deno and Bun.
 *
 * The timer never keeps a Node-like runtime alive: its handle is `unref()`ed where handles have
 * `unref` (Node, Bun) and passed to `Deno.unrefTimer` in Deno. Browsers and workerd have no
 * notion of a timer keeping the program alive.
 */

import type { Main } from '@shimkit/os-shim/contract';
import { HookList } from './hook-list.js';
import { type TimerHandle, web } from './web-globals.js';

/** Arms `fn` as a timer task that does not keep the runtime alive where that can be said. */
function unrefTimeout(fn: () => void): TimerHandle {
  const handle = web.setTimeout(fn, 0);
  if (typeof handle === 'object' && handle !== null && typeof handle.unref === 'function') handle.unref();
  else if (typeof handle === 'number' && typeof web.Deno?.unrefTimer === 'function') web.Deno.unrefTimer(handle);
  return handle;
}

export function createMain(): Main {
  let pending: TimerHandle | null = null;
  const turn = (): void => {
    pending = null;
    arm();
    enter.run();
    exit.run();
  };
  function arm(): void {
    if (pending === null && enter.size + exit.size > 0) pending = unrefTimeout(turn);
  }
  const sync = (): void => {
    if (enter.size + exit.size > 0) arm();
    else if (pending !== null) {
      web.clearTimeout(pending);
      pending = null;
    }
  };
  const enter: HookList = new HookList(sync);
  const exit: HookList = new HookList(sync);
  return {
    atEnterIter: (hook) => enter.add(hook),
    atExitIter: (hook) => exit.add(hook),
  };
}

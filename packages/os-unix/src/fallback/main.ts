/**
 * `Main` on the pure-JS path: one unref'd `setImmediate` re-armed every iteration. Immediates run
 * in libuv's check phase, after the loop wakes up from poll, so the fallback cannot run hooks
 * before the loop blocks: each iteration it runs the enter hooks and then the exit hooks, both in
 * the check phase. An unref'd immediate does not stop the loop from blocking or from exiting,
 * so hooks neither spin the CPU nor keep the process alive. There is no `cycleTrace`.
 */

import type { Main } from '@shimkit/os-shim/contract';
import { HookList } from '@shimkit/os-shim/hook-list';
import { reportUncaught } from '../report.js';

export function createFallbackMain(): Main {
  let pending: NodeJS.Immediate | null = null;
  const iterate = (): void => {
    pending = null;
    arm();
    enter.run(reportUncaught);
    exit.run(reportUncaught);
  };
  const arm = (): void => {
    if (pending === null && enter.size + exit.size > 0) pending = setImmediate(iterate).unref();
  };
  const sync = (): void => {
    if (enter.size + exit.size > 0) arm();
    else if (pending !== null) {
      clearImmediate(pending);
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

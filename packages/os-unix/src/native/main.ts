/**
 * `Main` on the native path: the addon's libuv prepare handle runs the enter hooks at the start
 * of each loop iteration (before the loop blocks in poll) and its check handle runs the exit
 * hooks after the loop wakes up. Both handles are unref'd, so hooks never keep the process alive.
 * `cycleTrace` samples the cycle counter in the prepare handle into a native ring buffer.
 */

import type { CycleTrace, Main, Unregister } from '@shimkit/os-shim/contract';
import { assertWords } from '@shimkit/os-shim/validate';
import type { Binding } from '../addon.js';
import { HookList } from '@shimkit/os-shim/hook-list';
import { reportUncaught } from '../report.js';

export function createNativeMain(binding: Binding): Main {
  const runEnter = (): void => enter.run(reportUncaught);
  const runExit = (): void => exit.run(reportUncaught);
  const sync = (): void => binding.traceHooks(enter.size > 0 ? runEnter : null, exit.size > 0 ? runExit : null);
  const enter: HookList = new HookList(sync);
  const exit: HookList = new HookList(sync);

  let traceUsers = 0;
  const cycleTrace: CycleTrace = {
    capacity: binding.traceCapacity,
    start(): Unregister {
      if (traceUsers++ === 0) binding.traceSampling(true);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--traceUsers === 0) binding.traceSampling(false);
      };
    },
    drain(dest) {
      return binding.traceDrain(assertWords(dest, 'dest'));
    },
  };

  return {
    atEnterIter: (hook) => enter.add(hook, 'hook'),
    atExitIter: (hook) => exit.add(hook, 'hook'),
    cycleTrace,
  };
}

/**
 * `Lifecycle` on Node (native and fallback paths alike): SIGTERM and SIGINT are shutdown
 * requests (`'poweroff'`), `exit` is `process.exit` with a checked status.
 *
 * Clone detection (`onClone`, the contract's optional capability): when this process is building
 * a V8 startup snapshot (`node --build-snapshot`, `v8.startupSnapshot.isBuildingSnapshot()`), the
 * first `onClone` registration adds a `v8.startupSnapshot.addDeserializeCallback`; every process
 * started from the snapshot runs it after the heap is deserialized and before the snapshot's main
 * function, and it calls the hooks with `'snapshot-restore'`. A process that is not building a
 * snapshot can register hooks too, but nothing it can observe clones it: a VM snapshot of a Linux
 * guest without vmgenid exposure, or a `fork()` of the process (Node has none), is not detected.
 *
 * Note: while at least one shutdown hook is registered, SIGINT and SIGTERM no longer end the
 * process by themselves (that is Node's rule for signal listeners): the hook decides, and
 * normally ends with `lifecycle.exit(0)`. Signal listeners do not keep the process alive.
 */

import { startupSnapshot } from 'node:v8';
import type { CloneKind, Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { HookList } from '@shimkit/os-shim/hook-list';
import { assertIntInRange } from '@shimkit/os-shim/validate';
import { reportUncaught } from '../report.js';

const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function onSignal(): void {
  shutdownHooks.run(reportUncaught, 'poweroff');
}

/** The signal listeners are installed while at least one hook is registered. */
const shutdownHooks = new HookList<[ShutdownKind]>((active) => {
  for (const s of SIGNALS) {
    if (active) process.on(s, onSignal);
    else process.off(s, onSignal);
  }
});

const cloneHooks = new HookList<[CloneKind]>();
let snapshotArmed = false;

/** While a startup snapshot is being built: run the clone hooks in every process started from it. */
function armSnapshotRestore(): void {
  if (snapshotArmed || typeof startupSnapshot?.isBuildingSnapshot !== 'function' || !startupSnapshot.isBuildingSnapshot()) return;
  snapshotArmed = true;
  startupSnapshot.addDeserializeCallback(() => cloneHooks.run(reportUncaught, 'snapshot-restore'));
}

export const lifecycle: Lifecycle = {
  onClone(hook): Unregister {
    const off = cloneHooks.add(hook, 'hook');
    armSnapshotRestore();
    return off;
  },
  onShutdownRequest: (hook): Unregister => shutdownHooks.add(hook, 'hook'),
  exit(code): never {
    return process.exit(assertIntInRange(code, 'code', 0, 255));
  },
};

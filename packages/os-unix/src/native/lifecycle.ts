/**
 * `Lifecycle` on Node (native and fallback paths alike): SIGTERM and SIGINT are shutdown
 * requests (`'poweroff'`), `exit` is `process.exit` with a checked status.
 *
 * Note: while at least one shutdown hook is registered, SIGINT and SIGTERM no longer end the
 * process by themselves (that is Node's rule for signal listeners): the hook decides, and
 * normally ends with `lifecycle.exit(0)`. Signal listeners do not keep the process alive.
 */

import type { Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
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

export const lifecycle: Lifecycle = {
  onShutdownRequest: (hook): Unregister => shutdownHooks.add(hook, 'hook'),
  exit(code): never {
    return process.exit(assertIntInRange(code, 'code', 0, 255));
  },
};

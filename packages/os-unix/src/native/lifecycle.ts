/**
 * `Lifecycle` on Node (native and fallback paths alike): SIGTERM and SIGINT are shutdown
 * requests (`'poweroff'`), `exit` is `process.exit` with a checked status.
 *
 * Note: while at least one shutdown hook is registered, SIGINT and SIGTERM no longer end the
 * process by themselves (that is Node's rule for signal listeners): the hook decides, and
 * normally ends with `lifecycle.exit(0)`. Signal listeners do not keep the process alive.
 */

import type { Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertIntInRange } from '@shimkit/os-shim/validate';

const shutdownHooks = new Set<{ fn: (kind: ShutdownKind) => void }>();
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

function onSignal(): void {
  for (const entry of [...shutdownHooks]) entry.fn('poweroff');
}

export const lifecycle: Lifecycle = {
  onShutdownRequest(hook): Unregister {
    const entry = { fn: assertFunction<(kind: ShutdownKind) => void>(hook, 'hook') };
    shutdownHooks.add(entry);
    if (shutdownHooks.size === 1) for (const s of SIGNALS) process.on(s, onSignal);
    return () => {
      if (shutdownHooks.delete(entry) && shutdownHooks.size === 0) {
        for (const s of SIGNALS) process.off(s, onSignal);
      }
    };
  },
  exit(code): never {
    return process.exit(assertIntInRange(code, 'code', 0, 255));
  },
};

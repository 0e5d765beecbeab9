/**
 * The parts of the contract that Node's `process` provides the same way on both paths:
 * `Env` (argv after the script), `Lifecycle` (SIGTERM/SIGINT as shutdown requests,
 * `process.exit`) and `Console` (one line to stderr).
 *
 * Note: while at least one shutdown hook is registered, SIGINT and SIGTERM no longer end the
 * process by themselves (that is Node's rule for signal listeners): the hook decides, and
 * normally ends with `lifecycle.exit(0)`. Signal listeners do not keep the process alive.
 */

import type { Console, Env, Lifecycle, ShutdownKind, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertIntInRange, assertString } from '@shimkit/os-shim/validate';

export const env: Env = {
  argv: () => Object.freeze(process.argv.slice(2)),
};

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

export const console: Console = {
  log(line) {
    process.stderr.write(`${assertString(line, 'line')}\n`);
  },
};

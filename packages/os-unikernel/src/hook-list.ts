/**
 * An ordered set of hooks: the per-iteration hooks of `Main.atEnterIter` / `atExitIter` (no
 * arguments) and the shutdown-request hooks of `Lifecycle.onShutdownRequest` (the kind). Registering
 * the same function twice gives two independent registrations; unregistering is idempotent. A
 * hook that throws is handed to `report` (the platform's uncaught-error path: the console) and
 * does not stop the others or unregister itself.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';

export class HookList<A extends unknown[] = []> {
  readonly #hooks = new Set<{ fn: (...args: A) => void }>();

  get size(): number {
    return this.#hooks.size;
  }

  add(hook: unknown, name: string): Unregister {
    const entry = { fn: assertFunction<(...args: A) => void>(hook, name) };
    this.#hooks.add(entry);
    return () => {
      this.#hooks.delete(entry);
    };
  }

  /** Runs every hook registered when the call starts, with `args`. */
  run(report: (error: unknown) => void, ...args: A): void {
    for (const entry of [...this.#hooks]) {
      try {
        entry.fn(...args);
      } catch (error) {
        report(error);
      }
    }
  }
}

/**
 * An ordered set of per-iteration hooks (`Main.atEnterIter` / `atExitIter`). Registering the
 * same function twice gives two independent registrations; unregistering is idempotent. A hook
 * that throws is handed to `report` (the platform's uncaught-error path: the console) and does
 * not stop the others or unregister itself.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';

export class HookList {
  readonly #hooks = new Set<{ fn: () => void }>();

  get size(): number {
    return this.#hooks.size;
  }

  add(hook: unknown, name: string): Unregister {
    const entry = { fn: assertFunction<() => void>(hook, name) };
    this.#hooks.add(entry);
    return () => {
      this.#hooks.delete(entry);
    };
  }

  /** Runs every hook registered when the call starts. */
  run(report: (error: unknown) => void): void {
    for (const entry of [...this.#hooks]) {
      try {
        entry.fn();
      } catch (error) {
        report(error);
      }
    }
  }
}

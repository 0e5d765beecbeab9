/**
 * An ordered set of per-iteration hooks with one dispatcher, shared by the native and fallback
 * main loops. A hook that throws is reported on the process's uncaught-exception path (on the
 * next tick) and does not stop the others. `onChange` tells the owner when the list becomes
 * empty or non-empty, so it can start or stop the underlying loop handle.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';

export class HookList {
  readonly #hooks = new Set<{ fn: () => void }>();
  readonly #onChange: (active: boolean) => void;

  constructor(onChange: (active: boolean) => void) {
    this.#onChange = onChange;
  }

  get size(): number {
    return this.#hooks.size;
  }

  add(hook: unknown, name: string): Unregister {
    const fn = assertFunction<() => void>(hook, name);
    // Wrap so that registering the same function twice gives two independent registrations.
    const entry = { fn };
    this.#hooks.add(entry);
    if (this.#hooks.size === 1) this.#onChange(true);
    return () => {
      if (this.#hooks.delete(entry) && this.#hooks.size === 0) this.#onChange(false);
    };
  }

  /** Runs every hook registered when the call starts. */
  readonly run = (): void => {
    for (const entry of [...this.#hooks]) {
      try {
        entry.fn();
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  };
}

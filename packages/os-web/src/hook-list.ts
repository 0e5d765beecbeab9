/**
 * An ordered set of per-iteration hooks with one dispatcher. Registering the same function twice
 * gives two registrations; unregistering is idempotent. `run` calls every hook registered when it
 * starts; a hook that throws does not stop the others and is reported through the runtime's
 * uncaught-error path: `reportError` (HTML §8.1.4.6: the page's or worker's `error` event, Deno's
 * and Bun's uncaught-exception handling) where it exists, else rethrown from a fresh timer task.
 * `onChange` tells the owner when the set becomes empty or non-empty.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';
import { web } from './web-globals.js';

function report(error: unknown): void {
  if (typeof web.reportError === 'function') web.reportError(error);
  else
    web.setTimeout(() => {
      throw error;
    }, 0);
}

export class HookList {
  readonly #entries = new Set<{ fn: () => void }>();
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  get size(): number {
    return this.#entries.size;
  }

  add(hook: unknown): Unregister {
    const entry = { fn: assertFunction<() => void>(hook, 'hook') };
    this.#entries.add(entry);
    this.#onChange();
    return () => {
      if (this.#entries.delete(entry)) this.#onChange();
    };
  }

  run(): void {
    for (const entry of [...this.#entries]) {
      try {
        entry.fn();
      } catch (error) {
        report(error);
      }
    }
  }
}

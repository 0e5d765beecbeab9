/**
 * An ordered set of per-iteration hooks for the WASI main loop. Registering the same function
 * twice gives two registrations; unregistering is idempotent. `run` calls every hook registered
 * when it starts, even if some throw, and then rethrows: the one error, or an `AggregateError` of
 * several. Thrown from the event-loop task, that is StarlingMonkey's uncaught-error path, which
 * prints the error and ends the current call with a trap (as an uncaught exception ends a Node
 * process). `onChange` says when the set becomes empty or non-empty.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';

export class Hooks {
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

  /** Runs every hook; returns the errors they threw (none, normally). */
  run(): unknown[] {
    const errors: unknown[] = [];
    for (const entry of [...this.#entries]) {
      try {
        entry.fn();
      } catch (error) {
        errors.push(error);
      }
    }
    return errors;
  }
}

/** Throws what `Hooks.run` collected, if anything. */
export function rethrow(errors: readonly unknown[]): void {
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, `${errors.length} main-loop hooks threw`);
}

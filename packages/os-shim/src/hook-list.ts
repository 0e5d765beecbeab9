/**
 * An ordered set of hooks: the one implementation behind every backend's per-iteration hooks
 * (`Main.atEnterIter` / `atExitIter`, no arguments) and shutdown-request hooks
 * (`Lifecycle.onShutdownRequest`, the kind) — os-unix (native, fallback, WASI) and the unikernel
 * loop alike. Registering the same function twice gives two independent registrations;
 * unregistering is idempotent (the contract's `Unregister`). `run` calls every hook registered
 * when it starts; a hook that throws is handed to `report`, the platform's uncaught-error path,
 * and does not stop the others or unregister itself. Pure ECMAScript.
 */

import type { Unregister } from './contract.js';
import { assertFunction } from './validate.js';

/**
 * Hooks taking arguments `A`.
 *
 * @example
 * const enter = new HookList((active) => (active ? startHandle() : stopHandle()));
 * const off = enter.add(() => sample(), 'hook'); // TypeError ERR_INVALID_ARG_TYPE if not a function
 * enter.run((error) => queueMicrotask(() => { throw error; }));
 * off();
 */
export class HookList<A extends unknown[] = []> {
  readonly #hooks = new Set<{ fn: (...args: A) => void }>();
  readonly #onChange: ((active: boolean) => void) | undefined;

  /** `onChange(active)` is called when the list becomes non-empty (`true`) or empty (`false`). */
  constructor(onChange?: (active: boolean) => void) {
    this.#onChange = onChange;
  }

  /** How many registrations there are. */
  get size(): number {
    return this.#hooks.size;
  }

  /**
   * Registers `hook`; returns the function that unregisters it (harmless to call twice).
   *
   * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` when `hook` is not a function (the message names it `name`).
   */
  add(hook: unknown, name: string): Unregister {
    const entry = { fn: assertFunction<(...args: A) => void>(hook, name) };
    this.#hooks.add(entry);
    if (this.#hooks.size === 1) this.#onChange?.(true);
    return () => {
      if (this.#hooks.delete(entry) && this.#hooks.size === 0) this.#onChange?.(false);
    };
  }

  /** Runs every hook registered when the call starts, with `args`; what a hook throws goes to `report`. */
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

/**
 * What a backend package's entry exports over its one backend instance: `os`, whose `name` is
 * there at import and every other part taken on access from the backend bound to the installed
 * host (`current()`, see `./host-binding.ts`), and `run`, `iterate` and `status`, which reach the
 * backend when called. So importing the backend (or a library that imports the shim) draws
 * nothing and needs no host, and the first use without one fails with the backend's
 * `HostMissingError`.
 */

import type { Os } from '@shimkit/os-shim/contract';
import type { MainLoop } from './main.js';

/** The parts of `O` the lazy object forwards. */
export type LinkedOs<O extends Os> = Readonly<Pick<O, 'name' | 'time' | 'main' | 'cpu' | 'env' | 'lifecycle' | 'console'>>;

/**
 * The exported `os` of a backend package: `name` now, every other part from `current()` on access.
 *
 * @throws whatever `current()` throws (the backend's `HostMissingError`, `ERR_NO_HOST`) on first access of a part.
 * @example
 * export const os = lazyOs('xen', () => currentBackend().os);
 */
export function lazyOs<O extends Os>(name: O['name'], current: () => O): LinkedOs<O> {
  return {
    name,
    get time() {
      return current().time;
    },
    get main() {
      return current().main;
    },
    get cpu() {
      return current().cpu;
    },
    get env() {
      return current().env;
    },
    get lifecycle() {
      return current().lifecycle;
    },
    get console() {
      return current().console;
    },
  };
}

/** What `linkBackend` needs of a backend instance. */
export interface BackendInstance<O extends Os, S> {
  readonly os: O;
  readonly loop: Pick<MainLoop, 'run' | 'iterate'>;
  status(): S;
}

export interface LinkedBackend<O extends Os, S> {
  /** The contract object (`lazyOs`). */
  readonly os: LinkedOs<O>;
  /** The guest's main loop: `MainLoop.run` of the bound backend. */
  run<T>(program: () => T | PromiseLike<T>): Promise<T | undefined>;
  /** One iteration of the main loop, for an embedding whose own loop drives it. */
  iterate(): void;
  /** The bound backend's `status()`. */
  status(): S;
}

/**
 * `os`, `run`, `iterate` and `status` of a backend package over its one instance.
 *
 * @example
 * const linked = linkBackend('solo5', currentBackend);
 * export const { os, run, iterate, status } = linked;
 */
export function linkBackend<O extends Os, S>(name: O['name'], current: () => BackendInstance<O, S>): LinkedBackend<O, S> {
  return {
    os: lazyOs(name, () => current().os),
    run: (program) => current().loop.run(program),
    iterate: () => current().loop.iterate(),
    status: () => current().status(),
  };
}

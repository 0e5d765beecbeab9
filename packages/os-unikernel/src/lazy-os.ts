/**
 * The `os` object a backend package exports: its `name` is there at import, every other part is
 * taken on access from the backend bound to the installed host (`current()`, see
 * `./host-binding.ts`). So importing the backend (or a library that imports the shim) draws
 * nothing and needs no host, and the first use without one fails with the backend's
 * `HostMissingError`.
 */

import type { Os } from '@shimkit/os-shim/contract';

/** The parts of `O` the lazy object forwards. */
export type LinkedOs<O extends Os> = Readonly<Pick<O, 'name' | 'time' | 'main' | 'cpu' | 'env' | 'lifecycle' | 'console'>>;

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

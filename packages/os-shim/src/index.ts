/**
 * `@shimkit/os-shim` — the unlinked entry.
 *
 * Libraries import `{ os }` from here and are typed against the contract in `./contract.ts`.
 * A program never runs this module: at bundle time an alias replaces `@shimkit/os-shim` with one
 * backend (`@shimkit/os-unix`, `@shimkit/os-xen`, `@shimkit/os-solo5`, or the WASI build), and
 * each backend exports an `os` object of the same type. Evaluating this module means no backend
 * was linked, and it throws `NoBackendError` (`code: 'ERR_NO_BACKEND'`) at once, naming the alias
 * to add — rather than failing later with an obscure `undefined` property access.
 */

import type { Os } from './contract.js';
import { NoBackendError } from './errors.js';
import { PRESETS } from './presets.js';

export type * from './contract.js';

function unlinked(): never {
  throw new NoBackendError(PRESETS);
}

/** The linked backend. Here, in the unlinked entry, evaluating it throws `NoBackendError`. */
export const os: Os = unlinked();

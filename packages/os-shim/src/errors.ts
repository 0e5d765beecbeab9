/**
 * Errors of the shimkit OS layer.
 *
 * Every error has a stable `code` that programs may test; messages say what to do next and may
 * change between versions. Argument errors extend the built-in `TypeError` / `RangeError`, so
 * `instanceof TypeError` keeps working.
 */

import type { BackendName } from './contract.js';

/** Stable codes of argument errors. */
export type ArgErrorCode =
  | 'ERR_INVALID_ARG_TYPE'
  | 'ERR_INVALID_ARG_VALUE'
  | 'ERR_OUT_OF_RANGE'
  | 'ERR_DETACHED_BUFFER'
  | 'ERR_READ_ONLY_BUFFER';

/** An argument has the wrong type (or its buffer is unusable). */
export class ShimkitTypeError extends TypeError {
  readonly code: ArgErrorCode;
  constructor(code: ArgErrorCode, message: string) {
    super(message);
    this.name = 'ShimkitTypeError';
    this.code = code;
  }
}

/** An argument has the right type but a value outside what is allowed. */
export class ShimkitRangeError extends RangeError {
  readonly code = 'ERR_OUT_OF_RANGE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'ShimkitRangeError';
  }
}

/** The backends that exist, with the package that provides each (for messages and aliases). */
export const BACKEND_PACKAGES: Readonly<Record<BackendName, string>> = Object.freeze({
  unix: '@shimkit/os-unix',
  xen: '@shimkit/os-xen',
  solo5: '@shimkit/os-solo5',
  wasi: '@shimkit/os-unix/wasi',
});

/**
 * `@shimkit/os-shim` itself was loaded: no backend was linked in its place. Thrown when the
 * unlinked entry is evaluated.
 */
export class NoBackendError extends Error {
  readonly code = 'ERR_NO_BACKEND' as const;
  constructor() {
    const list = Object.entries(BACKEND_PACKAGES)
      .map(([name, pkg]) => `${name} → ${pkg}`)
      .join(', ');
    super(
      'No OS backend is linked: "@shimkit/os-shim" was loaded itself. ' +
        'Alias "@shimkit/os-shim" to one backend when you bundle ' +
        "(e.g. rollup: alias(rollupAlias('unix')) from '@shimkit/os-shim/alias'), " +
        'or run Node without a bundler so the package conditions pick one. ' +
        `Backends: ${list}.`,
    );
    this.name = 'NoBackendError';
  }
}

/** The operating system's random source failed; no bytes were returned. */
export class OsRandomError extends Error {
  readonly code = 'ERR_OS_RANDOM' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OsRandomError';
  }
}

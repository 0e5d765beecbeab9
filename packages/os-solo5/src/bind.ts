/**
 * How the embedding hands the host ABI object to the backend, and the one backend instance per
 * unikernel. The backend is created on first use (not at import, so importing draws nothing and
 * needs no host) from, in order: the object given to `bindHost(host)`, or
 * `globalThis.__shimkitSolo5Host` — the hook for a bare engine whose embedding defines one
 * global before it evaluates the bundle. The host's shape is checked then (`HostAbiError`).
 */

import { createSolo5Backend, type Solo5Backend } from './backend.js';
import { HostAbiError, HostAlreadyBoundError, HostMissingError } from './errors.js';
import type { Solo5Host } from './host.js';

/** The global a bare-engine embedding sets to its `Solo5Host` before evaluating the bundle. */
export const HOST_GLOBAL = '__shimkitSolo5Host';

let bound: Solo5Host | null = null;
let backend: Solo5Backend | null = null;

const REQUIRED = [
  'solo5_clock_monotonic',
  'solo5_clock_wall',
  'solo5_yield',
  'solo5_console_write',
  'solo5_exit',
  'cpu_cycles',
] as const;

function check(host: unknown): Solo5Host {
  if (typeof host !== 'object' || host === null) throw new HostAbiError('the Solo5 host ABI must be an object');
  const h = host as Record<string, unknown>;
  for (const name of REQUIRED) {
    if (typeof h[name] !== 'function') throw new HostAbiError(`host.${name} must be a function`);
  }
  for (const name of ['rdrand', 'rdseed']) {
    if (h[name] !== undefined && typeof h[name] !== 'function') {
      throw new HostAbiError(`host.${name} must be a function or absent`);
    }
  }
  if (!(h.cmdline instanceof Uint8Array)) throw new HostAbiError('host.cmdline must be a Uint8Array');
  return host as Solo5Host;
}

/** Installs the host ABI object. Call it once, before the backend is first used. */
export function bindHost(host: Solo5Host): void {
  if (backend !== null) throw new HostAlreadyBoundError();
  bound = check(host);
}

/** The backend for the installed host, created on first call. */
export function currentBackend(): Solo5Backend {
  if (backend === null) {
    const host = bound ?? (globalThis as Record<string, unknown>)[HOST_GLOBAL];
    if (host === undefined || host === null) throw new HostMissingError();
    backend = createSolo5Backend(check(host));
  }
  return backend;
}

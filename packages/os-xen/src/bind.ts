/**
 * How the embedding hands the host ABI object to the backend, and the one backend instance per
 * guest. The backend is created on first use (not at import, so importing draws nothing and
 * needs no host) from, in order: the object given to `bindHost(host)`, or
 * `globalThis.__shimkitXenHost` — the hook for a bare engine whose embedding defines one global
 * before it evaluates the bundle. The host's shape is checked then (`HostAbiError`).
 */

import type { XenHost } from './host.js';
import { createXenBackend, type XenBackend } from './backend.js';
import { HostAbiError, HostAlreadyBoundError, HostMissingError } from './errors.js';
import { SHARED_INFO_SIZE } from './shared-info.js';

/** The global a bare-engine embedding sets to its `XenHost` before evaluating the bundle. */
export const HOST_GLOBAL = '__shimkitXenHost';

let bound: XenHost | null = null;
let backend: XenBackend | null = null;

function check(host: unknown): XenHost {
  if (typeof host !== 'object' || host === null) throw new HostAbiError('the Xen host ABI must be an object');
  const h = host as Record<string, unknown>;
  if (!(h.sharedInfo instanceof DataView) || h.sharedInfo.byteLength < SHARED_INFO_SIZE) {
    throw new HostAbiError(`host.sharedInfo must be a DataView over the ${SHARED_INFO_SIZE}-byte shared-info page`);
  }
  for (const name of ['rdtsc', 'console_io_write', 'set_timer_op', 'sched_op_block', 'sched_op_shutdown']) {
    if (typeof h[name] !== 'function') throw new HostAbiError(`host.${name} must be a function`);
  }
  for (const name of ['rdrand', 'rdseed', 'xenstore_read', 'xenstore_write']) {
    if (h[name] !== undefined && typeof h[name] !== 'function') {
      throw new HostAbiError(`host.${name} must be a function or absent`);
    }
  }
  const port = h.timerPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port >= 4096) {
    throw new HostAbiError('host.timerPort must be an event-channel port in [0, 4096)');
  }
  if (!(h.cmdLine instanceof Uint8Array)) throw new HostAbiError('host.cmdLine must be a Uint8Array');
  return host as XenHost;
}

/** Installs the host ABI object. Call it once, before the backend is first used. */
export function bindHost(host: XenHost): void {
  if (backend !== null) throw new HostAlreadyBoundError();
  bound = check(host);
}

/** The backend for the installed host, created on first call. */
export function currentBackend(): XenBackend {
  if (backend === null) {
    const host = bound ?? (globalThis as Record<string, unknown>)[HOST_GLOBAL];
    if (host === undefined || host === null) throw new HostMissingError();
    backend = createXenBackend(check(host));
  }
  return backend;
}

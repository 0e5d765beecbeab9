/**
 * How the embedding hands the Xen host ABI object to the backend, and the one backend instance
 * per guest (`createHostBinding` from `@shimkit/os-unikernel/host-binding`). The backend is
 * created on first use (not at import, so importing draws nothing and needs no host) from, in
 * order: the object given to `bindHost(host)`, or `globalThis.__shimkitXenHost` — the hook for a
 * bare engine whose embedding defines one global before it evaluates the bundle. The host's
 * shape is checked then (`HostAbiError`).
 */

import {
  createHostBinding,
  hostMembers,
  checkCpuRngMembers,
  optionalFunctions,
  requireBytes,
  requireFunctions,
} from '@shimkit/os-unikernel/host-binding';
import { HostAbiError } from '@shimkit/os-unikernel/errors';
import type { XenHost } from './host.js';
import { createXenBackend, type XenBackend } from './xen/os.js';
import { SHARED_INFO_SIZE } from './shared-info.js';

/** The global a bare-engine embedding sets to its `XenHost` before evaluating the bundle. */
export const HOST_GLOBAL = '__shimkitXenHost';

function check(host: unknown): XenHost {
  const h = hostMembers(host, 'Xen');
  if (!(h.sharedInfo instanceof DataView) || h.sharedInfo.byteLength < SHARED_INFO_SIZE) {
    throw new HostAbiError(`host.sharedInfo must be a DataView over the ${SHARED_INFO_SIZE}-byte shared-info page`);
  }
  requireFunctions(h, ['rdtsc', 'console_io_write', 'set_timer_op', 'sched_op_block', 'sched_op_shutdown']);
  checkCpuRngMembers(h);
  optionalFunctions(h, ['xenstore_read', 'xenstore_write', 'suspend']);
  const port = h.timerPort;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port >= 4096) {
    throw new HostAbiError('host.timerPort must be an event-channel port in [0, 4096)');
  }
  requireBytes(h, 'cmdLine');
  return host as XenHost;
}

/**
 * `bindHost(host)` installs the host ABI object (call it once, before the backend is first used);
 * `currentBackend()` is the backend for the installed host, created on first call.
 *
 * @throws {HostAbiError} `ERR_HOST_ABI` from `bindHost` when `host` lacks a member or has one of the wrong kind;
 *   {HostAlreadyBoundError} `ERR_HOST_BOUND` when the backend is already in use.
 * @example
 * bindHost(host); // once, before the backend is first used
 */
export const { bindHost, current: currentBackend } = createHostBinding<XenHost, XenBackend>({
  abi: { platform: 'Xen', packageName: '@shimkit/os-xen', hostGlobal: HOST_GLOBAL, hostInterface: 'XenHost' },
  check,
  create: createXenBackend,
});

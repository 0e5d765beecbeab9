/**
 * How the embedding hands the Solo5 host ABI object to the backend, and the one backend instance
 * per unikernel (`createHostBinding` from `@shimkit/os-unikernel/host-binding`). The backend is
 * created on first use (not at import, so importing draws nothing and needs no host) from, in
 * order: the object given to `bindHost(host)`, or `globalThis.__shimkitSolo5Host` — the hook for
 * a bare engine whose embedding defines one global before it evaluates the bundle. The host's
 * shape is checked then (`HostAbiError`).
 */

import {
  createHostBinding,
  hostMembers,
  checkCpuRngMembers,
  requireBytes,
  requireFunctions,
} from '@shimkit/os-unikernel/host-binding';
import { createSolo5Backend, type Solo5Backend } from './solo5/os.js';
import type { Solo5Host } from './host.js';

/** The global a bare-engine embedding sets to its `Solo5Host` before evaluating the bundle. */
export const HOST_GLOBAL = '__shimkitSolo5Host';

const REQUIRED = [
  'solo5_clock_monotonic',
  'solo5_clock_wall',
  'solo5_yield',
  'solo5_console_write',
  'solo5_exit',
  'cpu_cycles',
] as const;

function check(host: unknown): Solo5Host {
  const h = hostMembers(host, 'Solo5');
  requireFunctions(h, REQUIRED);
  checkCpuRngMembers(h);
  requireBytes(h, 'cmdline');
  return host as Solo5Host;
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
export const { bindHost, current: currentBackend } = createHostBinding<Solo5Host, Solo5Backend>({
  abi: { platform: 'Solo5', packageName: '@shimkit/os-solo5', hostGlobal: HOST_GLOBAL, hostInterface: 'Solo5Host' },
  check,
  create: createSolo5Backend,
});

/**
 * `@shimkit/os-xen` — the shimkit OS backend for a JavaScript engine embedded in a Xen PV guest.
 *
 * Link it in place of `@shimkit/os-shim` (bundler alias). It exports `os`, the contract object,
 * which reaches the hypervisor only through the host ABI the embedding installs (`XenHost`,
 * `bindHost`, or `globalThis.__shimkitXenHost`); `run(program)` is the guest's main loop.
 * Importing draws nothing and needs no host: the backend is created on first use.
 * This module (and everything it imports) uses no Node or Web API, only ECMAScript built-ins.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { linkBackend } from '@shimkit/os-unikernel/lazy-os';
import { currentBackend } from './bind.js';

export type * from '@shimkit/os-shim/contract';
export type { CpuRngDraw, XenHost } from './host.js';
export type { XenStatus } from './status.js';
export type { LoopCounters } from '@shimkit/os-unikernel/main';
export { bindHost, HOST_GLOBAL } from './bind.js';
export { createXenBackend, type XenBackend } from './xen/os.js';
export { GuestExit, HostAbiError, HostAlreadyBoundError, HostMissingError, LoopBusyError } from '@shimkit/os-unikernel/errors';
export { PvclockError } from './errors.js';
export { SHUTDOWN_CRASH, SHUTDOWN_POWEROFF, SHUTDOWN_REBOOT, SHUTDOWN_SUSPEND, SHUTDOWN_WATCHDOG } from './host.js';

const linked = linkBackend('xen', currentBackend);

/**
 * The Xen backend. Each part is taken from the backend bound to the installed host on first access.
 *
 * @throws {HostMissingError} `ERR_NO_HOST` on first access of a part before a host is installed;
 *   {HostAbiError} `ERR_HOST_ABI` when the installed host does not have the `XenHost` shape; argument
 *   errors (`ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`) from the parts, as the contract says.
 * @example
 * import { bindHost, os, run } from '@shimkit/os-xen';
 * bindHost(host);                              // the embedding's XenHost
 * await run(async () => { await os.time.sleepNs(1_000_000n); os.console.log('hello'); });
 */
export const os = linked.os satisfies Os;

/**
 * The guest's main loop: runs `program` and the event-channel loop until the program's promise
 * settles or the guest exits (`MainLoop` of `@shimkit/os-unikernel/loop`). Resolves with the
 * program's value (`undefined` after `os.lifecycle.exit`), rejects with its error.
 */
export const run = linked.run;

/**
 * One iteration of the main loop, for an embedding whose own loop knows when the engine's job
 * queue is empty (it calls this after draining jobs, instead of `run`).
 */
export const iterate = linked.iterate;

/** What the backend runs on (clock, CPU RNG self-tests) and counters of its loop (`XenStatus`). */
export const status = linked.status;

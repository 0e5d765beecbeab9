/**
 * `@shimkit/os-solo5` — the shimkit OS backend for a JavaScript engine embedded in a Solo5
 * unikernel (hvt, spt, virtio, muen, xen bindings alike: it uses only the `solo5.h` calls).
 *
 * Link it in place of `@shimkit/os-shim` (bundler alias). It exports `os`, the contract object,
 * which reaches the tender only through the host ABI the embedding installs (`Solo5Host`,
 * `bindHost`, or `globalThis.__shimkitSolo5Host`); `run(program)` is the unikernel's main loop.
 * Importing draws nothing and needs no host: the backend is created on first use.
 * This module (and everything it imports) uses no Node or Web API, only ECMAScript built-ins.
 */

import type { Os } from '@shimkit/os-shim/contract';
import { linkBackend } from '@shimkit/os-unikernel/lazy-os';
import { currentBackend } from './bind.js';

export type * from '@shimkit/os-shim/contract';
export type { CpuRngDraw, Solo5Host } from './host.js';
export type { Solo5Status } from './status.js';
export type { LoopCounters } from '@shimkit/os-unikernel/main';
export { bindHost, HOST_GLOBAL } from './bind.js';
export { createSolo5Backend, IDLE_YIELD_NS, type Solo5Backend } from './solo5/os.js';
export { GuestExit, HostAbiError, HostAlreadyBoundError, HostMissingError, LoopBusyError } from '@shimkit/os-unikernel/errors';
export { SOLO5_EXIT_ABORT, SOLO5_EXIT_FAILURE, SOLO5_EXIT_SUCCESS } from './host.js';

const linked = linkBackend('solo5', currentBackend);

/**
 * The Solo5 backend. Each part is taken from the backend bound to the installed host on first access.
 *
 * @throws {HostMissingError} `ERR_NO_HOST` on first access of a part before a host is installed;
 *   {HostAbiError} `ERR_HOST_ABI` when the installed host does not have the `Solo5Host` shape; argument
 *   errors (`ERR_INVALID_ARG_TYPE`, `ERR_OUT_OF_RANGE`) from the parts, as the contract says.
 * @example
 * import { bindHost, os, run } from '@shimkit/os-solo5';
 * bindHost(host);                              // the embedding's Solo5Host
 * await run(async () => { await os.time.sleepNs(1_000_000n); os.console.log('hello'); });
 */
export const os = linked.os satisfies Os;

/**
 * The unikernel's main loop: runs `program` and the `solo5_yield` loop until the program's
 * promise settles or the unikernel exits (`MainLoop` of `@shimkit/os-unikernel/loop`). Resolves
 * with the program's value (`undefined` after `os.lifecycle.exit`), rejects with its error.
 */
export const run = linked.run;

/**
 * One iteration of the main loop, for an embedding whose own loop knows when the engine's job
 * queue is empty (it calls this after draining jobs, instead of `run`).
 */
export const iterate = linked.iterate;

/** What the backend runs on (CPU RNG self-tests) and counters of its loop (`Solo5Status`). */
export const status = linked.status;

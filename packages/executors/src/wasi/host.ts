/**
 * Our WASI preview-1 host (`wasi_snapshot_preview1`, all 46 functions of the witx), not
 * `node:wasi`: it runs on every shimkit backend, takes its randomness and clocks as parameters
 * (defaults: `@shimkit/entropy` and the OS shim), captures stdout / stderr per call, and gives the
 * guest only the file systems it is handed as preopens.
 *
 * One `WasiHost` per call: create it, pass `host.imports` to `WebAssembly.instantiate`, then
 * `host.start(instance)` (a command's `_start`) or `host.bind(memory)` before calling exports.
 */

import { FunctionFault } from '../result.js';
import { utf8Encode } from '../text.js';
import { type Clock, entropyRandom, osClock, type RandomSource } from '../sources.js';
import { argsEnvImports } from './args-env.js';
import { clockImports } from './clocks.js';
import { DIR_RIGHTS, FILE_RIGHTS, Filetype, STDIO_RIGHTS } from './constants.js';
import { Capture, type HostFn, ProcExit, type WasiContext } from './context.js';
import { FdTable } from './descriptors.js';
import { fdImports } from './fd.js';
import type { FileSystem } from './fs.js';
import { GuestMemory } from './memory.js';
import { pathImports } from './path.js';
import { pollImports } from './poll.js';
import { procImports } from './proc.js';
import { randomImports } from './random.js';
import { sockImports } from './sock.js';

/** Options of one WASI instance. */
export interface WasiOptions {
  /** `argv` (the first is the program name by convention). */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: Uint8Array;
  /** Cap on each of stdout / stderr in bytes (default 16 MiB); past it the call ends as kind 'limit'. */
  readonly streamBytes?: number;
  /** Preopened directories: the name the guest sees (e.g. `/`) → its file system. */
  readonly preopens?: Readonly<Record<string, FileSystem>>;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Monotonic deadline (ns on `clock`): every WASI call past it ends the call as kind 'timeout', and `poll_oneoff` does not sleep past it. */
  readonly deadlineNs?: bigint;
  /** Blocks for `ns` (default: `Atomics.wait`, or a spin on the clock where that is unavailable). */
  readonly sleep?: (ns: bigint) => void;
}

/** The names this host implements (the whole wasi_snapshot_preview1 witx). */
export const WASI_PREVIEW1_FUNCTIONS = [
  'args_get', 'args_sizes_get', 'environ_get', 'environ_sizes_get', 'clock_res_get', 'clock_time_get',
  'fd_advise', 'fd_allocate', 'fd_close', 'fd_datasync', 'fd_fdstat_get', 'fd_fdstat_set_flags', 'fd_fdstat_set_rights',
  'fd_filestat_get', 'fd_filestat_set_size', 'fd_filestat_set_times', 'fd_pread', 'fd_prestat_get', 'fd_prestat_dir_name',
  'fd_pwrite', 'fd_read', 'fd_readdir', 'fd_renumber', 'fd_seek', 'fd_sync', 'fd_tell', 'fd_write',
  'path_create_directory', 'path_filestat_get', 'path_filestat_set_times', 'path_link', 'path_open', 'path_readlink',
  'path_remove_directory', 'path_rename', 'path_symlink', 'path_unlink_file', 'poll_oneoff', 'proc_exit', 'proc_raise',
  'sched_yield', 'random_get', 'sock_accept', 'sock_recv', 'sock_send', 'sock_shutdown',
] as const;

/** The default sleep: `Atomics.wait` on a private buffer, else spinning on `clock`. */
export function defaultSleep(clock: Clock): (ns: bigint) => void {
  const cell = typeof SharedArrayBuffer === 'function' ? new Int32Array(new SharedArrayBuffer(4)) : undefined;
  return (ns) => {
    const end = clock.monotonicNs() + ns;
    if (cell !== undefined) {
      try {
        Atomics.wait(cell, 0, 0, Number(ns) / 1e6);
        return;
      } catch {
        // Atomics.wait is not allowed on this thread (e.g. a browser's main thread): spin.
      }
    }
    while (clock.monotonicNs() < end) {
      /* spin */
    }
  };
}

export class WasiHost {
  readonly #ctx: WasiContext;
  /** The import object to instantiate the module with. */
  readonly imports: { readonly wasi_snapshot_preview1: Record<string, HostFn> };

  constructor(options: WasiOptions = {}) {
    const clock = options.clock ?? osClock;
    const fds = new FdTable();
    for (const stream of [0, 1, 2] as const) {
      fds.add({ kind: 'stdio', stream, filetype: Filetype.CHARACTER_DEVICE, rightsBase: STDIO_RIGHTS, rightsInheriting: 0n, fdflags: 0 });
    }
    for (const [name, fs] of Object.entries(options.preopens ?? {})) {
      fds.add({
        kind: 'dir',
        fs,
        parts: [],
        handle: fs.open([], { create: false, exclusive: false, truncate: false, directory: true, read: true, write: false }),
        preopen: name,
        filetype: Filetype.DIRECTORY,
        rightsBase: DIR_RIGHTS,
        rightsInheriting: DIR_RIGHTS | FILE_RIGHTS,
        fdflags: 0,
        offset: 0n,
      });
    }
    const cap = options.streamBytes ?? 16 * 2 ** 20;
    this.#ctx = {
      mem: new GuestMemory(),
      fds,
      args: (options.args ?? []).map((a) => utf8Encode(`${a}\0`)),
      env: Object.entries(options.env ?? {}).map(([k, v]) => utf8Encode(`${k}=${v}\0`)),
      clock,
      random: options.random ?? entropyRandom,
      startNs: clock.monotonicNs(),
      deadlineNs: options.deadlineNs,
      sleep: options.sleep ?? defaultSleep(clock),
      stdin: options.stdin ?? new Uint8Array(0),
      stdinPos: 0,
      stdout: new Capture('stdout', cap),
      stderr: new Capture('stderr', cap),
    };
    const ctx = this.#ctx;
    const fns: Record<string, HostFn> = {
      ...argsEnvImports(ctx),
      ...clockImports(ctx),
      ...fdImports(ctx),
      ...pathImports(ctx),
      ...pollImports(ctx),
      ...procImports(ctx),
      ...randomImports(ctx),
      ...sockImports(ctx),
    };
    const deadline = options.deadlineNs;
    if (deadline !== undefined) {
      // With a deadline, every WASI call first checks it: a guest that makes calls is stopped
      // even in this thread (pure computation needs a worker to be stopped).
      for (const [name, fn] of Object.entries(fns)) {
        fns[name] = (...args) => {
          if (clock.monotonicNs() > deadline) throw new FunctionFault('timeout', `the call passed its deadline (noticed in ${name})`);
          return fn(...args);
        };
      }
    }
    this.imports = { wasi_snapshot_preview1: fns };
  }

  /** Points the host at the guest's memory (call before any export that makes WASI calls). */
  bind(memory: WebAssembly.Memory): void {
    this.#ctx.mem.bind(memory);
  }

  /**
   * Runs a command: binds the exported `memory`, calls `_start`, returns the exit code (0 when
   * `_start` returns). Traps propagate as the engine's `WebAssembly.RuntimeError`.
   */
  start(instance: WebAssembly.Instance): number {
    const { memory, _start } = instance.exports as { memory?: WebAssembly.Memory; _start?: () => void };
    if (memory instanceof WebAssembly.Memory) this.bind(memory);
    if (typeof _start !== 'function') throw new TypeError('the module exports no _start function');
    try {
      _start();
      return 0;
    } catch (e) {
      if (e instanceof ProcExit) return e.code;
      throw e;
    } finally {
      this.#ctx.fds.closeAll();
    }
  }

  /** Everything the guest wrote to stdout so far. */
  stdout(): Uint8Array {
    return this.#ctx.stdout.bytes();
  }

  /** Everything the guest wrote to stderr so far. */
  stderr(): Uint8Array {
    return this.#ctx.stderr.bytes();
  }

  /** Closes every descriptor (end of a call that did not go through `start`). */
  close(): void {
    this.#ctx.fds.closeAll();
  }
}

export { ProcExit };

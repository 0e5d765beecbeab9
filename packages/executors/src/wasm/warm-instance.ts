/**
 * A warm instance: one wasm function's module instantiated once (on our WASI host, memory capped,
 * Teaclave `env` imports present) so that exports can be called many times in this thread at the
 * cost of the call itself. Use it for hot, trusted paths where calls may share the guest's state;
 * `registry.run` gives every call a fresh instance instead (isolation, outputs, deadlines in
 * workers) at the cost of instantiation (a linear memory reservation: hundreds of µs in V8).
 *
 * Each call returns a typed result like a registry call: a trap, a stack overflow or `proc_exit`
 * is `{ ok: false, kind }`, never an exception; after a trap the instance is closed (its state may
 * be inconsistent) and later calls are kind 'invalid'.
 */

import { ExecutorError } from '../errors.js';
import type { FunctionDefinition } from '../function.js';
import { DEFAULT_MEMORY_BYTES } from '../registry.js';
import type { FaultKind } from '../result.js';
import { type Clock, entropyRandom, osClock, type RandomSource } from '../sources.js';
import { MemoryFileSystem } from '../wasi/fs-memory.js';
import { WasiHost } from '../wasi/host.js';
import { classify, unknownImports } from './job.js';
import { capModuleMemory, MemoryCapError } from './module-limits.js';
import { TeaclaveFiles } from './teaclave-abi.js';

/** The result of one warm call. */
export type WarmCallResult =
  | { readonly ok: true; readonly value: unknown; readonly wallNs: number }
  | { readonly ok: false; readonly kind: FaultKind; readonly message: string; readonly wallNs: number };

/** A module instantiated once. */
export interface WarmInstance {
  /** Calls export `name` with `args`; never throws. */
  call(name: string, ...args: (number | bigint)[]): WarmCallResult;
  /** What the guest wrote to stdout / stderr so far. */
  stdout(): Uint8Array;
  stderr(): Uint8Array;
  /** Drops the instance; later calls are kind 'invalid'. */
  close(): void;
}

/** Options of `instantiateWarm`. */
export interface WarmOptions {
  readonly memoryBytes?: number;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * Instantiates `fn`'s payload once.
 * @throws ExecutorError `ERR_INVALID_MODULE`, `ERR_UNSUPPORTED_MODULE` (shared / memory64 /
 *   multi-memory), `ERR_INVALID_LIMITS` (initial memory above the cap), `ERR_INVALID_EXECUTOR`
 *   (imports this host does not provide, or a start function that traps).
 * @example
 * const warm = instantiateWarm(defineFunction({ name: 'add', executorType: 'wasm', payload }));
 * const r = warm.call('add', 2, 3); // { ok: true, value: 5, wallNs }
 */
export function instantiateWarm(fn: FunctionDefinition, options: WarmOptions = {}): WarmInstance {
  const clock = options.clock ?? osClock;
  let capped;
  try {
    capped = capModuleMemory(fn.payload, options.memoryBytes ?? DEFAULT_MEMORY_BYTES);
  } catch (e) {
    if (e instanceof MemoryCapError) throw new ExecutorError('ERR_INVALID_LIMITS', e.message);
    throw e;
  }
  let mod: WebAssembly.Module;
  try {
    mod = new WebAssembly.Module(capped.bytes as BufferSource);
  } catch (e) {
    throw new ExecutorError('ERR_INVALID_MODULE', `malformed module: ${(e as Error).message}`);
  }
  const missing = unknownImports(mod);
  if (missing.length > 0) throw new ExecutorError('ERR_INVALID_EXECUTOR', `the module imports what this host does not provide: ${missing.join(', ')}`);
  const host = new WasiHost({
    args: options.args ?? [fn.name],
    env: options.env ?? {},
    preopens: { '/': new MemoryFileSystem({ now: () => clock.wallNs() }) },
    clock,
    random: options.random ?? entropyRandom,
  });
  const teaclave = new TeaclaveFiles(new Map(), [], 0);
  const env: Record<string, unknown> = teaclave.imports();
  if (capped.imported) env.memory = new WebAssembly.Memory({ initial: capped.initialPages!, maximum: capped.maxPages! });
  let exports: Record<string, unknown>;
  try {
    exports = new WebAssembly.Instance(mod, { ...host.imports, env } as WebAssembly.Imports).exports as Record<string, unknown>;
  } catch (e) {
    throw new ExecutorError('ERR_INVALID_EXECUTOR', `instantiation failed: ${classify(e).message}`);
  }
  const memory = exports.memory instanceof WebAssembly.Memory ? exports.memory : (env.memory as WebAssembly.Memory | undefined);
  if (memory !== undefined) {
    host.bind(memory);
    teaclave.memory = memory;
  }
  let open = true;
  return {
    call(name, ...args) {
      const t0 = clock.monotonicNs();
      const f = open ? exports[name] : undefined;
      if (typeof f !== 'function') {
        return { ok: false, kind: 'invalid', message: open ? `no exported function "${name}"` : 'the instance is closed', wallNs: 0 };
      }
      try {
        const value = (f as (...a: unknown[]) => unknown)(...args);
        return { ok: true, value, wallNs: Number(clock.monotonicNs() - t0) };
      } catch (e) {
        open = false;
        const c = classify(e);
        return { ok: false, kind: c.kind, message: c.message, wallNs: Number(clock.monotonicNs() - t0) };
      }
    },
    stdout: () => host.stdout(),
    stderr: () => host.stderr(),
    close() {
      open = false;
      host.close();
    },
  };
}

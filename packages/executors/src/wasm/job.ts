/**
 * One wasm call from start to end, as plain data in and plain data out (so the same code runs
 * in the caller's thread and in a worker): check the module's imports, instantiate it with our
 * WASI host and Teaclave's `env` functions, pick the entry, run it, classify every way it can
 * end. Outputs are staged and returned only when the call succeeds.
 *
 * Entry, in this order: `_start` (a WASI command; value = exit code, and `proc_exit(n ≠ 0)` is
 * kind 'exit'); `entrypoint` (Teaclave's WAMR ABI; value = its return value); an export named like
 * the function, called with no arguments (value = its return value, or "" for none).
 */

import type { ArgumentValue } from '../function.js';
import { type FaultKind, FunctionFault } from '../result.js';
import type { Clock, RandomSource } from '../sources.js';
import { ProcExit } from '../wasi/context.js';
import { WASI_PREVIEW1_FUNCTIONS, WasiHost } from '../wasi/host.js';
import { MemoryFileSystem } from '../wasi/fs-memory.js';
import { flattenArguments, placeArgv, TEACLAVE_IMPORTS, TeaclaveFiles } from './teaclave-abi.js';
import { concatBytes } from '../bytes.js';

/** A call, as data. */
export interface WasmJob {
  /** A compiled module (in-thread) or module bytes already capped (`capModuleMemory`). */
  readonly module: WebAssembly.Module | Uint8Array;
  /** Pages of the imported memory's maximum, when the module imports one. */
  readonly importedMemory?: { readonly initial: number; readonly maximum: number } | undefined;
  readonly name: string;
  readonly arguments: Readonly<Record<string, ArgumentValue>>;
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  readonly outputs: readonly string[];
  readonly stdin: Uint8Array;
  readonly env: Readonly<Record<string, string>>;
  readonly streamBytes: number;
  readonly maxOutputBytes: number;
  /** Bytes the guest may add to its in-memory file system beyond the inputs. */
  readonly scratchBytes: number;
  readonly deadlineNs: bigint | undefined;
}

export type WasmJobResult =
  | { ok: true; value: string; outputs: Map<string, Uint8Array>; stdout: Uint8Array; stderr: Uint8Array; peakMemoryBytes?: number }
  | { ok: false; kind: FaultKind; message: string; exitCode?: number; code?: string; stdout: Uint8Array; stderr: Uint8Array; peakMemoryBytes?: number };

/**
 * The typed fault of a failed job result (wasm or js, from this thread or a worker), to throw from `execute`.
 * @example if (!r.ok) throw jobFault(r);
 */
export function jobFault(r: { kind: FaultKind; message: string; exitCode?: number; code?: string; stdout: Uint8Array; stderr: Uint8Array }): FunctionFault {
  return new FunctionFault(r.kind, r.message, {
    ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }),
    ...(r.code === undefined ? {} : { code: r.code }),
    stdout: r.stdout,
    stderr: r.stderr,
  });
}

const WASI = new Set<string>(WASI_PREVIEW1_FUNCTIONS);
const TEACLAVE = new Set<string>(TEACLAVE_IMPORTS);

/** Imports the host cannot provide, as `module.name` strings. */
export function unknownImports(mod: WebAssembly.Module): string[] {
  return WebAssembly.Module.imports(mod)
    .filter((i) => {
      if (i.module === 'wasi_snapshot_preview1') return !(i.kind === 'function' && WASI.has(i.name));
      if (i.module === 'env') return !((i.kind === 'function' && TEACLAVE.has(i.name)) || (i.kind === 'memory' && i.name === 'memory'));
      return true;
    })
    .map((i) => `${i.module}.${i.name} (${i.kind})`);
}


/** Classifies an exception thrown out of the guest. */
export function classify(e: unknown): { kind: FaultKind; message: string; exitCode?: number } {
  if (e instanceof FunctionFault) return { kind: e.kind, message: e.message, ...(e.exitCode === undefined ? {} : { exitCode: e.exitCode }) };
  if (e instanceof ProcExit) return { kind: 'exit', message: `the guest called proc_exit(${e.code})`, exitCode: e.code };
  if (e instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: `wasm trap: ${e.message}` };
  if (e instanceof RangeError && /call stack/iu.test(e.message)) return { kind: 'trap', message: 'wasm trap: stack overflow (call stack exhausted)' };
  if (e instanceof WebAssembly.LinkError) return { kind: 'link', message: e.message };
  if (e instanceof WebAssembly.CompileError) return { kind: 'invalid', message: `malformed module: ${e.message}` };
  return { kind: 'internal', message: e instanceof Error ? e.message : String(e) };
}

/** Runs one call. Never throws: every ending is a result. */
export function runWasmJob(job: WasmJob, sources: { clock: Clock; random: RandomSource; sleep?: (ns: bigint) => void }): WasmJobResult {
  let inputBytes = 0;
  for (const b of job.inputs.values()) inputBytes += b.length;
  const fs = MemoryFileSystem.forTask(job.inputs, job.outputs, { now: () => sources.clock.wallNs(), maxBytes: inputBytes + job.scratchBytes });
  const argv = [job.name, ...flattenArguments(job.arguments)];
  const host = new WasiHost({
    args: argv,
    env: job.env,
    stdin: job.stdin,
    streamBytes: job.streamBytes,
    preopens: { '/': fs },
    clock: sources.clock,
    random: sources.random,
    ...(job.deadlineNs === undefined ? {} : { deadlineNs: job.deadlineNs }),
    ...(sources.sleep === undefined ? {} : { sleep: sources.sleep }),
  });
  const teaclave = new TeaclaveFiles(job.inputs, job.outputs, job.maxOutputBytes);
  let memory: WebAssembly.Memory | undefined;
  const peak = () => (memory === undefined ? {} : { peakMemoryBytes: memory.buffer.byteLength });
  try {
    const mod = job.module instanceof WebAssembly.Module ? job.module : new WebAssembly.Module(job.module as BufferSource);
    const missing = unknownImports(mod);
    if (missing.length > 0) {
      return { ok: false, kind: 'link', message: `the module imports what this host does not provide: ${missing.join(', ')}`, stdout: new Uint8Array(0), stderr: new Uint8Array(0) };
    }
    const env: Record<string, unknown> = teaclave.imports();
    if (job.importedMemory !== undefined) env.memory = memory = new WebAssembly.Memory(job.importedMemory);
    const instance = new WebAssembly.Instance(mod, { ...host.imports, env } as WebAssembly.Imports);
    const exports = instance.exports as Record<string, unknown>;
    if (exports.memory instanceof WebAssembly.Memory) memory = exports.memory;
    if (memory !== undefined) {
      host.bind(memory);
      teaclave.memory = memory;
    }
    let value: string;
    if (typeof exports._start === 'function') {
      const code = host.start(instance);
      if (code !== 0) return { ok: false, kind: 'exit', message: `the guest exited with code ${code}`, exitCode: code, stdout: host.stdout(), stderr: host.stderr(), ...peak() };
      value = '0';
    } else if (typeof exports.entrypoint === 'function') {
      if (memory === undefined) return { ok: false, kind: 'invalid', message: 'a Teaclave-ABI module must export or import its memory', stdout: host.stdout(), stderr: host.stderr() };
      const [argc, argvPtr] = placeArgv(memory, argv.slice(1));
      value = String((exports.entrypoint as (a: number, b: number) => unknown)(argc, argvPtr));
      host.close();
    } else if (typeof exports[job.name] === 'function') {
      const r = (exports[job.name] as () => unknown)();
      value = r === undefined ? '' : String(r);
      host.close();
    } else {
      return {
        ok: false,
        kind: 'invalid',
        message: `the module exports neither _start, entrypoint, nor a function named "${job.name}"`,
        stdout: new Uint8Array(0),
        stderr: new Uint8Array(0),
      };
    }
    const outputs = new Map<string, Uint8Array>();
    for (const [name, bytes] of fs.readOutputs(job.outputs)) if (bytes.length > 0) outputs.set(name, bytes);
    for (const [name, chunks] of teaclave.staged) outputs.set(name, concatBytes(chunks));
    for (const [name, b] of outputs) {
      if (b.length > job.maxOutputBytes) return { ok: false, kind: 'limit', message: `output "${name}" exceeds its cap of ${job.maxOutputBytes} bytes`, stdout: host.stdout(), stderr: host.stderr(), ...peak() };
    }
    return { ok: true, value, outputs, stdout: host.stdout(), stderr: host.stderr(), ...peak() };
  } catch (e) {
    host.close();
    return { ok: false, ...classify(e), stdout: host.stdout(), stderr: host.stderr(), ...peak() };
  }
}

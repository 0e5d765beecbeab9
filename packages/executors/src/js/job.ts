/**
 * One js call as plain data in and plain data out, so it can run in a pool worker: the compiled
 * QuickJS engine module (posted, not recompiled), the script, the arguments, the inputs' bytes,
 * the bound output names and the limits. `runJsJob` rebuilds the call around them — a fresh
 * `FunctionRuntime`, the thread's clock and random source, a deadline counted from the job's start
 * — runs it with `runJsCall` (the executor's own code) and returns every ending as a result.
 */

import type { ArgumentValue } from '../function.js';
import { type FaultKind, FunctionFault } from '../result.js';
import { FunctionRuntime } from '../runtime.js';
import type { Clock, RandomSource } from '../sources.js';
import { runJsCall } from './executor.js';

/** A js call, as data. */
export interface JsJob {
  readonly kind: 'js';
  /** The QuickJS engine, compiled with its memory maximum at the call's cap. */
  readonly module: WebAssembly.Module;
  /** The script (UTF-8 decoded). */
  readonly source: string;
  readonly maxStackBytes: number;
  readonly arguments: Readonly<Record<string, ArgumentValue>>;
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  readonly outputs: readonly string[];
  readonly limits: { readonly memoryBytes: number; readonly streamBytes: number; readonly outputBytes: number; readonly deadlineMs: number | undefined };
}

export type JsJobResult =
  | { ok: true; value: string; outputs: Record<string, Uint8Array>; stdout: Uint8Array; stderr: Uint8Array; peakMemoryBytes?: number }
  | { ok: false; kind: FaultKind; message: string; exitCode?: number; code?: string; stdout: Uint8Array; stderr: Uint8Array };

const EMPTY = new Uint8Array(0);

/**
 * Runs one js job with these sources (and, in the caller's thread, the caller's signal). Never throws.
 * @example const r = await runJsJob(job, { clock: osClock, random: entropyRandom }); // { ok: true, value, outputs, stdout, stderr }
 */
export async function runJsJob(job: JsJob, sources: { clock: Clock; random: RandomSource; signal?: AbortSignal }): Promise<JsJobResult> {
  const runtime = new FunctionRuntime(job.inputs, new Set(job.outputs), job.limits.outputBytes);
  const start = sources.clock.monotonicNs();
  const { deadlineMs } = job.limits;
  try {
    const r = await runJsCall(
      job.module,
      job.source,
      {
        arguments: job.arguments,
        runtime,
        // In a worker nothing aborts the call from inside: the pool terminates the worker.
        signal: sources.signal ?? new AbortController().signal,
        limits: { ...job.limits, deadlineNs: deadlineMs === undefined ? undefined : start + BigInt(Math.ceil(deadlineMs * 1e6)) },
        clock: sources.clock,
        random: sources.random,
      },
      job.maxStackBytes,
    );
    return {
      ok: true,
      value: r.value,
      outputs: runtime.commit(),
      stdout: r.stdout ?? EMPTY,
      stderr: r.stderr ?? EMPTY,
      ...(r.usage?.peakMemoryBytes === undefined ? {} : { peakMemoryBytes: r.usage.peakMemoryBytes }),
    };
  } catch (e) {
    runtime.discard();
    if (e instanceof FunctionFault) {
      return {
        ok: false,
        kind: e.kind,
        message: e.message,
        ...(e.exitCode === undefined ? {} : { exitCode: e.exitCode }),
        ...(e.code === undefined ? {} : { code: e.code }),
        stdout: e.stdout ?? EMPTY,
        stderr: e.stderr ?? EMPTY,
      };
    }
    return { ok: false, kind: 'error', message: e instanceof Error ? e.message : String(e), stdout: EMPTY, stderr: EMPTY };
  }
}

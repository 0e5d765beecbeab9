/**
 * The executor registry: executors keyed by name, and the one place where a call is run under the
 * common contract — task checked before anything runs, deadline and memory cap applied, faults
 * turned into typed results, outputs committed only on success. Adding an executor is one
 * `register` call (Teaclave needs four source edits: `docs/adding-executors.md`).
 */

import { ExecutorError } from './errors.js';
import type { CallLimits, Executor, ExecutorReturn } from './executor.js';
import { type CallResult, type FaultKind, FunctionFault, type Usage } from './result.js';
import { DEFAULT_MAX_OUTPUT_BYTES, FunctionRuntime } from './runtime.js';
import { type Clock, entropyRandom, osClock, type RandomSource } from './sources.js';
import { createTask, DEFAULT_MAX_INPUT_BYTES, type Task, type TaskSpec } from './task.js';
import { checkOptionKeys } from './options.js';

/** Default cap on guest memory: 256 MiB. */
export const DEFAULT_MEMORY_BYTES = 256 * 2 ** 20;
/** Default cap on each captured stream: 16 MiB. */
export const DEFAULT_STREAM_BYTES = 16 * 2 ** 20;

/** Options of one call. */
export interface RunOptions {
  /** Deadline in milliseconds from the start of the call. */
  readonly deadlineMs?: number;
  /** Aborts the call (kind 'timeout' when its reason is a `TimeoutError`, else 'cancelled'). */
  readonly signal?: AbortSignal;
  /** Cap on guest memory in bytes (default 256 MiB). */
  readonly memoryBytes?: number;
  /** Cap on each output in bytes (default 256 MiB). */
  readonly maxOutputBytes?: number;
  /** Cap on each input in bytes (default 1 GiB). */
  readonly maxInputBytes?: number;
  /** Cap on stdout and on stderr, in bytes (default 16 MiB). */
  readonly streamBytes?: number;
  /** Standard input for the guest. */
  readonly stdin?: Uint8Array;
  /** Environment for the guest. */
  readonly env?: Readonly<Record<string, string>>;
  /** Clock for this call (default: the registry's). */
  readonly clock?: Clock;
  /** Random source for this call (default: the registry's). */
  readonly random?: RandomSource;
}

/** Registry options. */
export interface RegistryOptions {
  /** Executors to register at once. */
  readonly executors?: readonly Executor[];
  /** Default clock (the OS backend's). */
  readonly clock?: Clock;
  /** Default random source (`@shimkit/entropy`'s default generator). */
  readonly random?: RandomSource;
}

const EMPTY = new Uint8Array(0);

function checkPositive(name: string, v: number | undefined, max = Number.MAX_SAFE_INTEGER): void {
  if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= max)) {
    throw new ExecutorError('ERR_INVALID_LIMITS', `${name} must be a finite number in [0, ${max}], got ${String(v)}`);
  }
}

/** Executors by name, and calls under one contract. */
export class ExecutorRegistry {
  readonly #executors = new Map<string, Executor>();
  readonly #clock: Clock;
  readonly #random: RandomSource;

  constructor(options: RegistryOptions = {}) {
    checkOptionKeys('registry options', options, ['executors', 'clock', 'random']);
    this.#clock = options.clock ?? osClock;
    this.#random = options.random ?? entropyRandom;
    for (const e of options.executors ?? []) this.register(e);
  }

  /**
   * Adds an executor under its name and aliases.
   * @throws ExecutorError `ERR_INVALID_EXECUTOR` (no name or no `execute`), `ERR_EXECUTOR_EXISTS`.
   * @example registry.register({ name: 'upper', execute: ({ arguments: a }) => ({ value: String(a.text).toUpperCase() }) });
   */
  register(executor: Executor): this {
    if (typeof executor !== 'object' || executor === null || typeof executor.name !== 'string' || typeof executor.execute !== 'function') {
      throw new ExecutorError('ERR_INVALID_EXECUTOR', 'an executor needs a string name and an execute(call) method');
    }
    const names = [executor.name, ...(executor.aliases ?? [])];
    for (const n of names) {
      if (this.#executors.has(n)) throw new ExecutorError('ERR_EXECUTOR_EXISTS', `an executor named "${n}" is already registered`);
    }
    for (const n of names) this.#executors.set(n, executor);
    return this;
  }

  /** The executor registered under `name`, or undefined. */
  get(name: string): Executor | undefined {
    return this.#executors.get(name);
  }

  /**
   * Each executor's own report (`executor.status()`), by executor name (aliases not repeated);
   * executors without `status` are left out. A `status()` that throws is reported as `{ error: message }`.
   * @example registry.status().wasm // { moduleCache: { hits: 3, misses: 1, … }, runner: { workers: 2, queued: 0, … } }
   */
  status(): Record<string, Readonly<Record<string, unknown>>> {
    const out: Record<string, Readonly<Record<string, unknown>>> = {};
    for (const e of new Set(this.#executors.values())) {
      if (typeof e.status !== 'function') continue;
      try {
        out[e.name] = e.status();
      } catch (err) {
        out[e.name] = { error: err instanceof Error ? err.message : String(err) };
      }
    }
    return out;
  }

  /** Registered names (aliases included). */
  names(): string[] {
    return [...this.#executors.keys()];
  }

  /**
   * Runs one task. Everything wrong with the task is thrown before anything runs; everything that
   * goes wrong while it runs comes back as `{ ok: false, kind }`.
   *
   * @throws ExecutorError `ERR_INVALID_OPTIONS` (an unknown key in `options`: a misspelt limit is refused, not ignored), `ERR_UNKNOWN_EXECUTOR`, `ERR_INVALID_LIMITS`, and every code of `createTask`.
   * @example
   * const r = await registry.run({ function: echo, arguments: { message: 'hi' } });
   * if (r.ok) console.log(r.value);
   */
  async run(spec: TaskSpec | Task, options: RunOptions = {}): Promise<CallResult> {
    checkOptionKeys('run options', options, ['deadlineMs', 'signal', 'memoryBytes', 'maxOutputBytes', 'maxInputBytes', 'streamBytes', 'stdin', 'env', 'clock', 'random']);
    checkPositive('deadlineMs', options.deadlineMs, 2 ** 31 - 1);
    checkPositive('memoryBytes', options.memoryBytes, 2 ** 32);
    checkPositive('maxOutputBytes', options.maxOutputBytes);
    checkPositive('maxInputBytes', options.maxInputBytes);
    checkPositive('streamBytes', options.streamBytes);
    const task = 'outputs' in spec && spec.outputs instanceof Set ? (spec as Task) : createTask(spec as TaskSpec, options.maxInputBytes ?? DEFAULT_MAX_INPUT_BYTES);
    const executor = this.#executors.get(task.function.executorType);
    if (executor === undefined) {
      throw new ExecutorError(
        'ERR_UNKNOWN_EXECUTOR',
        `no executor "${task.function.executorType}" is registered (registered: ${this.names().join(', ') || 'none'}); add one with registry.register(executor)`,
      );
    }
    const clock = options.clock ?? this.#clock;
    const random = options.random ?? this.#random;
    const runtime = new FunctionRuntime(task.inputs, task.outputs, options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);

    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let abortKind: FaultKind | undefined;
    const onAbort = (kind: FaultKind) => {
      if (abortKind === undefined) abortKind = kind;
      controller.abort();
    };
    const userSignal = options.signal;
    const onUserAbort = () => onAbort(isTimeoutReason(userSignal?.reason) ? 'timeout' : 'cancelled');
    const start = clock.monotonicNs();
    const limits: CallLimits = {
      memoryBytes: options.memoryBytes ?? DEFAULT_MEMORY_BYTES,
      streamBytes: options.streamBytes ?? DEFAULT_STREAM_BYTES,
      outputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
      deadlineMs: options.deadlineMs,
      deadlineNs: options.deadlineMs === undefined ? undefined : start + BigInt(Math.ceil(options.deadlineMs * 1e6)),
    };
    const usage = (): Usage => ({ wallNs: Number(clock.monotonicNs() - start) });
    const fail = (kind: FaultKind, message: string, extra?: FunctionFault, u?: Usage): CallResult => {
      runtime.discard();
      return {
        ok: false,
        kind,
        message,
        ...(extra?.exitCode === undefined ? {} : { exitCode: extra.exitCode }),
        ...(extra?.code === undefined ? {} : { code: extra.code }),
        stdout: extra?.stdout ?? EMPTY,
        stderr: extra?.stderr ?? EMPTY,
        usage: u ?? usage(),
      };
    };
    if (userSignal?.aborted) return fail(isTimeoutReason(userSignal.reason) ? 'timeout' : 'cancelled', 'the call was aborted before it started');
    userSignal?.addEventListener('abort', onUserAbort, { once: true });

    try {
      const aborted = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(new FunctionFault(abortKind ?? 'cancelled', abortMessage(abortKind, options.deadlineMs))), {
          once: true,
        });
      });
      aborted.catch(() => {});
      if (options.deadlineMs !== undefined) {
        timer = setTimeout(() => onAbort('timeout'), options.deadlineMs);
        (timer as { unref?: () => void }).unref?.();
      }
      let ret: ExecutorReturn;
      try {
        ret = await Promise.race([
          Promise.resolve().then(() =>
            executor.execute({
              function: task.function,
              arguments: task.arguments,
              runtime,
              signal: controller.signal,
              limits,
              clock,
              random,
              stdin: options.stdin ?? EMPTY,
              env: options.env ?? {},
            }),
          ),
          aborted,
        ]);
      } catch (e) {
        if (e instanceof FunctionFault) return fail(e.kind, e.message, e);
        return fail('error', e instanceof Error ? e.message : String(e));
      }
      const u: Usage = { ...ret.usage, wallNs: Number(clock.monotonicNs() - start) };
      if (controller.signal.aborted) return fail(abortKind ?? 'cancelled', abortMessage(abortKind, options.deadlineMs), undefined, u);
      if (limits.deadlineNs !== undefined && clock.monotonicNs() > limits.deadlineNs) {
        return fail('timeout', abortMessage('timeout', options.deadlineMs), undefined, u);
      }
      if (typeof ret?.value !== 'string') return fail('internal', `executor "${executor.name}" returned no string value`, undefined, u);
      const outputs = runtime.commit();
      return { ok: true, value: ret.value, outputs, stdout: ret.stdout ?? EMPTY, stderr: ret.stderr ?? EMPTY, usage: u };
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
    }
  }
}

function isTimeoutReason(reason: unknown): boolean {
  return typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError';
}

function abortMessage(kind: FaultKind | undefined, deadlineMs: number | undefined): string {
  return kind === 'timeout' ? `the call passed its deadline${deadlineMs === undefined ? '' : ` of ${deadlineMs} ms`}` : 'the call was cancelled by its signal';
}

/**
 * A registry with the given executors.
 * @example const registry = createRegistry({ executors: [builtinExecutor(), wasmExecutor()] });
 */
export function createRegistry(options: RegistryOptions = {}): ExecutorRegistry {
  return new ExecutorRegistry(options);
}

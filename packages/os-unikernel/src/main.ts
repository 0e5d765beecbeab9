/**
 * The guest's main loop, as MirageOS's `OS.Main.run` runs it on Xen and Solo5: each iteration
 * runs the enter hooks, blocks the vCPU until the earliest sleeper's deadline or an event
 * (the platform's block primitive), runs the exit hooks, then wakes the sleepers that are due.
 *
 * A bare engine has no macrotasks, so `run(program)` is an async loop: between iterations it
 * yields `SETTLE_TURNS` microtask turns so the continuations of woken promises run before the
 * loop decides whether to block. The loop blocks only after an idle iteration — one in which no
 * sleeper woke, none was added, no hook was (un)registered and the program did not settle;
 * otherwise it only polls for events. An embedding whose own loop knows when the engine's job
 * queue is empty (QuickJS's `js_std_loop`, Node's event loop) calls `iterate()` itself instead.
 */

import type { Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertNonNegativeInteger } from '@shimkit/os-shim/validate';
import { GuestExit, LoopBusyError } from './errors.js';
import { HookList } from '@shimkit/os-shim/hook-list';
import { TimerQueue } from './timer-queue.js';

/** What the loop needs from the platform. */
export interface LoopPlatform {
  /** Monotonic nanoseconds, the clock of the sleepers' deadlines and of `block`. */
  now(): bigint;
  /** Blocks until `deadline` (monotonic ns; `null`: no sleeper) or an event; MAY return early. */
  block(deadline: bigint | null): void;
  /** Collects pending events without blocking. */
  poll(): void;
  /** Called once per iteration after waking, before the exit hooks (e.g. shutdown requests). */
  afterWake(): void;
  /** The uncaught-error path (hooks that throw). */
  report(error: unknown): void;
}

/** Microtask turns yielded between iterations by `run`. */
export const SETTLE_TURNS = 16;

export interface LoopCounters {
  readonly iterations: number;
  readonly blocks: number;
  readonly polls: number;
  readonly sleepersWoken: number;
}

/**
 * The guest's main loop over a `LoopPlatform`.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` from `atEnterIter` / `atExitIter` (non-function hook),
 *   `sleepNs` (not a bigint/number) and `run` (non-function program); {ShimkitRangeError}
 *   `ERR_OUT_OF_RANGE` from `sleepNs` (negative or non-integer); {LoopBusyError} `ERR_LOOP_RUNNING`
 *   from `run` while another `run` is going; {GuestExit} `ERR_GUEST_EXITED` from `iterate` after the guest exited.
 * @example
 * const loop = new MainLoop({ now, block, poll, afterWake() {}, report });
 * await loop.run(async () => { await loop.sleepNs(1_000_000n); });
 */
export class MainLoop {
  readonly #platform: LoopPlatform;
  readonly #enter = new HookList();
  readonly #exit = new HookList();
  readonly #timers = new TimerQueue();
  #activity = 0;
  #seen = -1;
  #running = false;
  #exited: GuestExit | null = null;
  #iterations = 0;
  #blocks = 0;
  #polls = 0;
  #woken = 0;

  constructor(platform: LoopPlatform) {
    this.#platform = platform;
  }

  atEnterIter = (hook: () => void): Unregister => this.#track(this.#enter.add(hook, 'hook'));
  atExitIter = (hook: () => void): Unregister => this.#track(this.#exit.add(hook, 'hook'));

  /** `Time.sleepNs`: a sleeper woken by the first iteration that ends at or after the deadline. */
  sleepNs = (ns: bigint | number): Promise<void> => {
    const total = assertNonNegativeInteger(ns, 'ns');
    const deadline = this.#platform.now() + total;
    this.#activity++;
    return new Promise<void>((resolve) => this.#timers.add(deadline, resolve));
  };

  /** Runs one iteration of the loop. */
  iterate(): void {
    if (this.#exited) throw this.#exited;
    const p = this.#platform;
    this.#iterations++;
    this.#enter.run(p.report);
    const next = this.#timers.next();
    const busy = this.#activity !== this.#seen || (next !== null && next <= p.now());
    this.#seen = this.#activity;
    if (busy) {
      this.#polls++;
      p.poll();
    } else {
      this.#blocks++;
      p.block(next);
    }
    p.afterWake();
    this.#exit.run(p.report);
    const woken = this.#timers.fireDue(p.now());
    if (woken > 0) {
      this.#woken += woken;
      this.#activity++;
    }
  }

  /**
   * Runs `program` to completion on this loop: iterates until the promise it returns settles or
   * the guest exits. Resolves with the program's value (`undefined` after an exit), rejects with
   * its error.
   */
  async run<T>(program: () => T | PromiseLike<T>): Promise<T | undefined> {
    assertFunction(program, 'program');
    if (this.#running) throw new LoopBusyError();
    this.#running = true;
    type Outcome = { done: false } | { done: true; ok: true; value: T } | { done: true; ok: false; error: unknown };
    const box: { state: Outcome } = { state: { done: false } };
    Promise.resolve()
      .then(program)
      .then(
        (value) => {
          box.state = { done: true, ok: true, value };
          this.#activity++;
        },
        (error: unknown) => {
          box.state = { done: true, ok: false, error };
          this.#activity++;
        },
      );
    try {
      for (let i = 0; i < SETTLE_TURNS; i++) await undefined;
      while (!box.state.done && !this.#exited) {
        this.iterate();
        for (let i = 0; i < SETTLE_TURNS; i++) await undefined;
      }
    } catch (error) {
      if (!(error instanceof GuestExit)) throw error;
    } finally {
      this.#running = false;
    }
    const end = box.state;
    if (end.done && !end.ok && !(end.error instanceof GuestExit)) throw end.error;
    return end.done && end.ok ? end.value : undefined;
  }

  /** Marks the guest as exited: no iteration runs afterwards. Returns the error to throw. */
  exited(status: number): GuestExit {
    this.#exited ??= new GuestExit(status);
    return this.#exited;
  }

  counters(): LoopCounters {
    return { iterations: this.#iterations, blocks: this.#blocks, polls: this.#polls, sleepersWoken: this.#woken };
  }

  #track(off: Unregister): Unregister {
    this.#activity++;
    return () => {
      this.#activity++;
      off();
    };
  }
}

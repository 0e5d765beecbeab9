/**
 * The sleepers of `Time.sleepNs`: promises waiting for a monotonic deadline, kept in deadline
 * order (ties in registration order). The main loop asks for the earliest deadline before it
 * blocks and wakes every sleeper whose deadline has passed after it wakes up — the role of
 * MirageOS's `Time.restart_threads` / `select_next`.
 */

interface Sleeper {
  readonly deadline: bigint;
  readonly wake: () => void;
}

/**
 * Sleepers in deadline order.
 *
 * @example
 * const q = new TimerQueue();
 * q.add(deadline, resolve);
 * q.fireDue(now()); // wakes every sleeper whose deadline has passed
 */
export class TimerQueue {
  #sleepers: Sleeper[] = [];

  get size(): number {
    return this.#sleepers.length;
  }

  add(deadline: bigint, wake: () => void): void {
    const list = this.#sleepers;
    let i = list.length;
    while (i > 0 && list[i - 1]!.deadline > deadline) i--;
    list.splice(i, 0, { deadline, wake });
  }

  /** The earliest deadline, or `null` when nobody sleeps. */
  next(): bigint | null {
    return this.#sleepers[0]?.deadline ?? null;
  }

  /** Wakes every sleeper whose deadline is at or before `now`; returns how many. */
  fireDue(now: bigint): number {
    const list = this.#sleepers;
    let n = 0;
    while (n < list.length && list[n]!.deadline <= now) n++;
    if (n === 0) return 0;
    const due = list.splice(0, n);
    for (const s of due) s.wake();
    return n;
  }
}

/** One deterministic cycle counter of the test family (see deterministic-counters.mjs). */
export interface DeterministicCounter {
  readonly name: string;
  readonly description: string;
  /** A fresh counter: each call of the returned function is one read (a uint32). */
  create(): () => number;
}

export declare const DETERMINISTIC_COUNTERS: readonly DeterministicCounter[];

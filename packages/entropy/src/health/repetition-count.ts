/**
 * Repetition Count Test, NIST SP 800-90B §4.4.1.
 *
 * Counts how many times in a row the current sample value has been seen; a run reaching the
 * cutoff C is a failure (a stuck source). Samples are compared by value (`number` or `bigint`).
 */

export class RepetitionCountTest {
  readonly cutoff: number;
  #last: number | bigint | undefined;
  #run = 0;

  constructor(cutoff: number) {
    if (!Number.isInteger(cutoff) || cutoff < 2) throw new RangeError(`RCT cutoff must be an integer >= 2, got ${cutoff}`);
    this.cutoff = cutoff;
  }

  /** Feeds one sample; returns true when this sample makes the test fail. */
  feed(sample: number | bigint): boolean {
    if (this.#run > 0 && sample === this.#last) {
      this.#run++;
      return this.#run >= this.cutoff;
    }
    this.#last = sample;
    this.#run = 1;
    return false;
  }

  /** Forgets the current run (after a failure has been handled). */
  reset(): void {
    this.#last = undefined;
    this.#run = 0;
  }
}

/**
 * Adaptive Proportion Test, NIST SP 800-90B §4.4.2.
 *
 * Windows of W consecutive samples: the first sample of a window is the reference A, and the
 * count B of samples equal to A in the window (A itself included) reaching the cutoff C is a
 * failure (a source that produces one value too often). Windows do not overlap.
 */

export class AdaptiveProportionTest {
  readonly cutoff: number;
  readonly window: number;
  #reference: number | bigint | undefined;
  #count = 0;
  #seen = 0;

  constructor(cutoff: number, window: number) {
    if (!Number.isInteger(window) || window < 2) throw new RangeError(`APT window must be an integer >= 2, got ${window}`);
    if (!Number.isInteger(cutoff) || cutoff < 2 || cutoff > window) {
      throw new RangeError(`APT cutoff must be an integer in [2, ${window}], got ${cutoff}`);
    }
    this.cutoff = cutoff;
    this.window = window;
  }

  /** Feeds one sample; returns true when this sample makes the test fail. */
  feed(sample: number | bigint): boolean {
    if (this.#seen === 0) {
      this.#reference = sample;
      this.#count = 1;
      this.#seen = 1;
      return false;
    }
    this.#seen++;
    let failed = false;
    if (sample === this.#reference) {
      this.#count++;
      failed = this.#count >= this.cutoff;
    }
    if (this.#seen === this.window) this.#seen = 0;
    return failed;
  }

  /** Starts a new window (after a failure has been handled). */
  reset(): void {
    this.#reference = undefined;
    this.#count = 0;
    this.#seen = 0;
  }
}

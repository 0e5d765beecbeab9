/**
 * Continuous health monitoring of one raw noise source (NIST SP 800-90B §4.3, §4.4).
 *
 * Every raw sample goes through the Repetition Count Test and the Adaptive Proportion Test, with
 * cutoffs derived from the source's assessed min-entropy per sample (see `cutoffs.ts`). Only
 * samples of a source in the `healthy` state may be credited (fed to the generator).
 *
 * States (the standard leaves the intermittent / persistent distinction to the designer, §4.3):
 * - `startup`: the first `startupSamples` samples are tested and not credited (§4.3 start-up
 *   testing); if all pass, the source becomes `healthy`.
 * - `intermittent`: a test failed. Nothing is credited until a fresh start-up run of
 *   `startupSamples` (at least `MIN_RECOVERY_SAMPLES`) samples passes both tests again.
 * - `permanent`: `PERMANENT_AFTER` failures happened without `CLEAN_RUN_RESET` healthy samples in
 *   between. The source is never credited again until `reset()` (the library's `stop()` then
 *   `initialize()`).
 *
 * A timing source also sets `startupAssessment`: before it is credited for the first time, the
 * samples of its passing start-up run go through the predictor-based assessment of
 * `startup-assessment.ts` (at once, or sliced over later calls), and an estimate below
 * `ASSESSMENT_MARGIN` (2) × `minEntropy`, or more than 90 % stuck samples, makes the state
 * `permanent` at once (a predictable source does not become
 * unpredictable by trying again).
 */

import { AdaptiveProportionTest } from './adaptive-proportion.js';
import { aptCutoff, APT_WINDOW, rctCutoff } from './cutoffs.js';
import { RepetitionCountTest } from './repetition-count.js';
import { runToEnd, type Steps } from './predictors/prediction-estimate.js';
import { type StartupAssessment, startupAssessmentSteps } from './startup-assessment.js';

export type HealthState = 'startup' | 'healthy' | 'intermittent' | 'permanent';
export type HealthTestName = 'repetition-count' | 'adaptive-proportion' | 'startup-assessment';

/** Failures without a clean run in between that make a failure permanent. */
export const PERMANENT_AFTER = 3;
/** Healthy samples after which earlier failures no longer count towards `PERMANENT_AFTER`. */
export const CLEAN_RUN_RESET = 65_536;
/** The least number of passing samples that ends an intermittent failure. */
export const MIN_RECOVERY_SAMPLES = 64;

export interface HealthPolicy {
  /** Assessed min-entropy per sample, in bits (0 < H ≤ 64). */
  readonly minEntropy: number;
  /** Samples tested before the first credit (0 for conditioned hardware output). */
  readonly startupSamples: number;
  /** APT window (default 1024, non-binary samples). */
  readonly window?: number;
  /**
   * Assess the start-up run (its samples' low bytes) with the SP 800-90B predictors before the
   * first credit (timing sources; needs `startupSamples` ≥ 66): `'synchronous'` within the
   * `test()` call that completes the run (the Whirlwind bootstrap, which must decide before it
   * returns), `'sliced'` afterwards, a slice per `continueAssessment()` call (the loop timer, one
   * slice per main-loop iteration, so that no request pays for the whole assessment).
   */
  readonly startupAssessment?: 'synchronous' | 'sliced';
}

export class HealthMonitor {
  readonly policy: HealthPolicy;
  readonly rct: RepetitionCountTest;
  readonly apt: AdaptiveProportionTest;
  #state: HealthState;
  #samples = 0;
  #failures = 0;
  #recentFailures = 0;
  #passingRun = 0;
  #lastFailure: HealthTestName | undefined;
  #run: Uint8Array | undefined;
  #assessment: StartupAssessment | undefined;
  #pending: Steps<StartupAssessment> | undefined;

  constructor(policy: HealthPolicy) {
    this.policy = policy;
    const window = policy.window ?? APT_WINDOW;
    this.rct = new RepetitionCountTest(rctCutoff(policy.minEntropy));
    this.apt = new AdaptiveProportionTest(Math.min(aptCutoff(policy.minEntropy, window), window), window);
    this.#state = policy.startupSamples > 0 ? 'startup' : 'healthy';
    if (policy.startupAssessment) this.#run = new Uint8Array(Math.max(policy.startupSamples, MIN_RECOVERY_SAMPLES));
  }

  /** The start-up assessment, once it has run (undefined before, and for untested sources). */
  get assessment(): StartupAssessment | undefined {
    return this.#assessment;
  }

  get state(): HealthState {
    return this.#state;
  }
  /** Whether samples are being credited now. */
  get healthy(): boolean {
    return this.#state === 'healthy';
  }
  /** Samples tested so far. */
  get samples(): number {
    return this.#samples;
  }
  /** Health-test failures so far. */
  get failures(): number {
    return this.#failures;
  }
  get lastFailure(): HealthTestName | undefined {
    return this.#lastFailure;
  }

  /**
   * Tests one raw sample. Returns true when the sample may be credited: both tests passed and the
   * source is (now) healthy.
   */
  test(sample: number | bigint): boolean {
    if (this.#state === 'permanent') return false;
    this.#samples++;
    const rctFailed = this.rct.feed(sample);
    const aptFailed = this.apt.feed(sample);
    if (rctFailed || aptFailed) {
      this.#fail(rctFailed ? 'repetition-count' : 'adaptive-proportion');
      return false;
    }
    this.#passingRun++;
    if (this.#state === 'healthy') {
      if (this.#passingRun >= CLEAN_RUN_RESET) this.#recentFailures = 0;
      return true;
    }
    const needed = this.#state === 'startup' ? this.policy.startupSamples : Math.max(this.policy.startupSamples, MIN_RECOVERY_SAMPLES);
    const run = this.#run;
    if (run && this.#passingRun <= run.length) run[this.#passingRun - 1] = Number(sample) & 0xff;
    if (this.#passingRun >= needed && this.#pending === undefined) {
      if (run && this.#assessment?.passed !== true) {
        const steps = startupAssessmentSteps(run.subarray(0, Math.min(this.#passingRun, run.length)), this.policy.minEntropy);
        run.fill(0);
        if (this.policy.startupAssessment === 'sliced') {
          // Stay in start-up (nothing credited) until `continueAssessment()` has finished it.
          this.#pending = steps;
          return false;
        }
        this.#conclude(runToEnd(steps));
        return false;
      }
      this.#state = 'healthy';
    }
    return false;
  }

  /** A sliced start-up assessment is waiting for `continueAssessment()`. */
  get assessmentPending(): boolean {
    return this.#pending !== undefined;
  }

  /**
   * Runs up to `slices` slices of a pending sliced assessment (each at most `SLICE` samples of one
   * predictor); when it ends, the source becomes `healthy` or, below `ASSESSMENT_MARGIN` × its claim, `permanent`.
   * Returns true when no assessment is pending any more.
   */
  continueAssessment(slices = 1): boolean {
    for (let i = 0; i < slices && this.#pending; i++) {
      const r = this.#pending.next();
      if (r.done) {
        this.#pending = undefined;
        this.#conclude(r.value);
      }
    }
    return this.#pending === undefined;
  }

  #conclude(assessment: StartupAssessment): void {
    this.#assessment = assessment;
    if (assessment.passed) {
      this.#state = 'healthy';
      return;
    }
    this.#failures++;
    this.#lastFailure = 'startup-assessment';
    this.#state = 'permanent';
  }

  /** Back to the initial state, counters kept (used when the library is re-initialized). */
  reset(): void {
    this.rct.reset();
    this.apt.reset();
    this.#assessment = undefined;
    this.#pending = undefined;
    this.#run?.fill(0);
    this.#passingRun = 0;
    this.#recentFailures = 0;
    this.#state = this.policy.startupSamples > 0 ? 'startup' : 'healthy';
  }

  #fail(test: HealthTestName): void {
    // A pending assessment was of a run that has just failed: the next passing run is assessed.
    this.#pending = undefined;
    this.#failures++;
    this.#recentFailures++;
    this.#lastFailure = test;
    this.#passingRun = 0;
    this.rct.reset();
    this.apt.reset();
    this.#state = this.#recentFailures >= PERMANENT_AFTER ? 'permanent' : 'intermittent';
  }
}

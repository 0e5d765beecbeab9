/**
 * The introspection record every source keeps, and the one rule that turns it into the
 * `healthy` / `health` pair of `status().sources` — so the two never disagree.
 *
 * `health` (one value, derived in this order):
 * - `unavailable`: the backend lacks what the source needs;
 * - `idle`: available, but not running (before first use, after `stop()`): nothing measured yet;
 * - `startup` / `intermittent` / `permanent`: the SP 800-90B health-test state of a raw-noise
 *   source (or of the CPU RNG words) that is not `healthy` (see `health/monitor.ts`);
 * - `failing`: the last draw failed (OS error, CPU RNG carry flag clear or all-ones, a failed
 *   bootstrap), or the source has failures and has contributed nothing;
 * - `startup` also when the source has contributed nothing yet and has no failures;
 * - `healthy`: running, its last draw (or health test) passed, and it has fed the generator.
 *
 * `healthy` is exactly `health === 'healthy'`.
 */

import type { HealthMonitor, HealthState } from '../health/monitor.js';
import { SOURCE_IDS, type SourceName } from './source-ids.js';

/** The health of one source, as `status()` shows it (see the module comment). */
export type SourceHealth = HealthState | 'unavailable' | 'idle' | 'failing';

export interface SourceStatus {
  readonly name: SourceName;
  readonly id: number;
  /** The backend provides what this source needs. */
  readonly available: boolean;
  /** Exactly `health === 'healthy'`: running, passing, and contributing. */
  readonly healthy: boolean;
  /** See `SourceHealth`. */
  readonly health: SourceHealth;
  /** Raw samples (or draws) taken. */
  readonly samples: number;
  /** Failures: health-test failures plus failed draws (CPU RNG carry flag, all-ones, OS errors). */
  readonly failures: number;
  /** Bytes handed to the generator (pool input or reseed input). */
  readonly bytesFed: number;
  /** What the source used or why it is not running. */
  readonly detail: string;
  /**
   * Timing sources, once their start-up run was assessed: the predictor-based min-entropy
   * estimate per sample against the claim (see `docs/sources-and-health.md`).
   */
  readonly assessment?: { readonly minEntropy: number; readonly claimedEntropy: number; readonly passed: boolean };
}

export class SourceCounters {
  readonly name: SourceName;
  available = false;
  running = false;
  samples = 0;
  failures = 0;
  bytesFed = 0;
  detail = '';
  /** Whether the last draw succeeded (undefined before any, or for sources judged by a monitor only). */
  lastOk: boolean | undefined;

  constructor(name: SourceName) {
    this.name = name;
  }

  /** The status record; `extraFailures` are failures counted elsewhere (e.g. in the CPU RNG). */
  snapshot(monitor?: HealthMonitor, extraFailures = 0): SourceStatus {
    const failures = this.failures + extraFailures + (monitor ? monitor.failures : 0);
    let health: SourceHealth;
    if (!this.available) health = 'unavailable';
    else if (!this.running) health = 'idle';
    else if (monitor && monitor.state !== 'healthy') health = monitor.state;
    else if (this.lastOk === false) health = 'failing';
    else if (this.bytesFed === 0) health = failures > 0 ? 'failing' : 'startup';
    else health = 'healthy';
    return {
      name: this.name,
      id: SOURCE_IDS[this.name],
      available: this.available,
      healthy: health === 'healthy',
      health,
      samples: monitor ? Math.max(this.samples, monitor.samples) : this.samples,
      failures,
      bytesFed: this.bytesFed,
      detail: this.detail,
      ...(monitor?.assessment && {
        assessment: { minEntropy: monitor.assessment.minEntropy, claimedEntropy: monitor.assessment.claimedEntropy, passed: monitor.assessment.passed },
      }),
    };
  }
}

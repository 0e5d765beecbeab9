/**
 * The introspection record every source keeps: whether it exists on this backend, whether it
 * is credited now, and counters. Snapshots of it make up `status().sources`.
 */

import type { HealthMonitor, HealthState } from '../health/monitor.js';
import { SOURCE_IDS, type SourceName } from './source-ids.js';

export interface SourceStatus {
  readonly name: SourceName;
  readonly id: number;
  /** The backend provides what this source needs. */
  readonly available: boolean;
  /** Running and credited now (for health-tested sources: in the `healthy` state). */
  readonly healthy: boolean;
  /** SP 800-90B health state of the raw samples, or `not-tested` for conditioned sources. */
  readonly health: HealthState | 'not-tested';
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

  constructor(name: SourceName) {
    this.name = name;
  }

  snapshot(monitor?: HealthMonitor): SourceStatus {
    const health = monitor ? monitor.state : 'not-tested';
    return {
      name: this.name,
      id: SOURCE_IDS[this.name],
      available: this.available,
      healthy: this.available && this.running && (monitor ? monitor.healthy : true),
      health,
      samples: monitor ? Math.max(this.samples, monitor.samples) : this.samples,
      failures: this.failures + (monitor ? monitor.failures : 0),
      bytesFed: this.bytesFed,
      detail: this.detail,
      ...(monitor?.assessment && {
        assessment: { minEntropy: monitor.assessment.minEntropy, claimedEntropy: monitor.assessment.claimedEntropy, passed: monitor.assessment.passed },
      }),
    };
  }
}

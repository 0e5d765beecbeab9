/**
 * The introspection record of the default generator (`status()`): which backend is linked,
 * how the generator was seeded, each source with its health and counters, Fortuna's pool state,
 * and which generator serves requests. Plain JSON-safe data (numbers, strings, booleans).
 */

import type { BackendName } from '@shimkit/os-shim/contract';
import type { BootstrapMethod } from './sources/bootstrap.js';
import type { SourceStatus } from './sources/source-status.js';

export type { SourceStatus } from './sources/source-status.js';

/** What went into a seed: a bootstrap method, or the OS random source. */
export type SeedSource = BootstrapMethod | 'os-random';

export interface EntropyStatus {
  /** The linked OS backend. */
  readonly backend: BackendName;
  /** The sources are running and the generator is seeded (after `initialize()` or first use). */
  readonly initialized: boolean;
  /** What the last full (re)seed came from, e.g. `['rdseed', 'os-random']`, or `['whirlwind']`. */
  readonly seededFrom: readonly SeedSource[];
  /** True when the seed came from CPU timing alone (no OS RNG, no CPU RNG). */
  readonly timingOnly: boolean;
  /** Which generator serves requests: the ChaCha20 front over Fortuna. */
  readonly serving: {
    readonly front: string;
    readonly generator: string;
    /** Fortuna's AES-256-CTR runs in the backend's accelerator (e.g. node:crypto). */
    readonly accelerated: boolean;
    /** Requests above this many bytes take the front's bulk path. */
    readonly bulkThreshold: number;
  };
  readonly fortuna: {
    /** Pool reseeds so far. */
    readonly reseedCount: number;
    /** Bytes in pool 0 since the last pool reseed (a pool reseed needs more than 64). */
    readonly pool0Length: number;
    /** Direct reseeds (initial seed, OS-random period, clone recovery, user `reseed`). */
    readonly directReseeds: number;
    /** Milliseconds since the last reseed of either kind, or null before any. */
    readonly lastReseedAgoMs: number | null;
  };
  /** Reseeds of the ChaCha20 front from Fortuna. */
  readonly frontReseeds: number;
  readonly bootstrap: {
    readonly method: BootstrapMethod | null;
    readonly failed: readonly BootstrapMethod[];
  };
  readonly sources: readonly SourceStatus[];
  /** VM snapshot/clone notifications handled. */
  readonly clones: number;
}

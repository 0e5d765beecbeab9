/**
 * The introspection record of the default generator (`status()`): which backend is linked,
 * how the generator was seeded, each source with its health and counters, Fortuna's pool state,
 * and which generator serves requests. Plain JSON-safe data (numbers, strings, booleans).
 */

import type { BackendName, CloneKind } from '@shimkit/os-shim/contract';
import type { AcceleratorStatus } from './accelerators.js';
import type { BootstrapMethod } from './sources/bootstrap.js';
import type { SourceStatus } from './sources/source-status.js';

export type { AcceleratorStatus, KeystreamPath } from './accelerators.js';
export type { SourceHealth, SourceStatus } from './sources/source-status.js';

/** What went into a seed: a bootstrap method, or the OS random source. */
export type SeedSource = BootstrapMethod | 'os-random';

export interface EntropyStatus {
  /** The linked OS backend. */
  readonly backend: BackendName;
  /** The sources are running and the generator is seeded (after `initialize()` or first use). */
  readonly initialized: boolean;
  /** What the last full (re)seed came from, e.g. `['rdseed', 'os-random']`, or `['whirlwind']`. */
  readonly seededFrom: readonly SeedSource[];
  /**
   * Credited entropy of the last full (re)seed, in bits (0 before the first): the sum of the
   * assessments of `seededFrom` (RDSEED 256, RDRAND 1024, Whirlwind 512, OS random 256). The
   * runtime never counts as seeded below 256.
   */
  readonly seedEntropyBits: number;
  /** True when the seed came from CPU timing alone (no OS RNG, no CPU RNG). */
  readonly timingOnly: boolean;
  /** Which generator serves requests: the ChaCha20 front over Fortuna. */
  readonly serving: {
    readonly front: string;
    readonly generator: string;
    /** Fortuna's AES-256-CTR runs in the backend's accelerator now (`accelerators.aes256Ctr.path === 'accelerator'`). */
    readonly accelerated: boolean;
    /** Requests above this many bytes take the front's bulk path. */
    readonly bulkThreshold: number;
    /** Which path each keystream takes, and why (probed once at first use). */
    readonly accelerators: { readonly aes256Ctr: AcceleratorStatus; readonly chacha20: AcceleratorStatus };
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
  /** VM snapshot/clone notifications handled (reseeds done because of one). */
  readonly clones: number;
  /** How clones are detected on this backend. */
  readonly cloneSignal: {
    /** The runtime is subscribed to the backend's signal now (from initialization to `stop()`). */
    readonly subscribed: boolean;
    /** `os.lifecycle.onClone` where the backend has it, else `none` (only `notifyClone()` / `generation`). */
    readonly source: 'os.lifecycle.onClone' | 'none';
    /** What triggered the last clone handling, or null. */
    readonly last: CloneKind | 'notifyClone' | 'generation' | null;
  };
}

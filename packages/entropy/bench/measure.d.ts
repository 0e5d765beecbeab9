/**
 * Types of `./measure.js`: the generator benchmark of @shimkit/entropy as a module (see there).
 */

/** How long each measurement runs (nanoseconds), from {@link benchSettings}. */
export interface BenchSettings {
  readonly quick: boolean;
  /** Trials per generator × size; the best is kept. */
  readonly trials: number;
  readonly trialNs: number;
  /** Interleaved rounds per default-instance pair; the median of each side is kept. */
  readonly rounds: number;
  readonly roundNs: number;
  readonly warmupNs: number;
  readonly pairWarmupNs: number;
}

/** `(done, total, label)`: called before each measurement, and once with `done === total` at the end. */
export type BenchProgress = (done: number, total: number, label: string) => void;

/** One default-instance call against its node:crypto counterpart. */
export interface DefaultInstanceRow {
  /** The call, e.g. `randomBytes(32)`. */
  readonly op: string;
  /** The node:crypto call it is compared with, e.g. `crypto.randomBytes`. */
  readonly peer: string;
  /** Median ns per call of the default instance. */
  readonly oursNs: number;
  /** Median ns per call of node:crypto. */
  readonly nodeNs: number;
  /** `nodeNs / oursNs`: > 1 when shimkit is faster. */
  readonly ratio: number;
}

/** One request size of one generator. */
export interface GeneratorPoint {
  /** Request size in bytes. */
  readonly bytes: number;
  /** Best ns per request. */
  readonly nsPerOp: number;
  /** Throughput in MB/s (10^6 bytes per second). */
  readonly mbPerS: number;
  /** crypto.getRandomValues' ns/op ÷ this one's (> 1: faster than it). */
  readonly ratio: number;
}

/** One generator or peer at every request size. */
export interface GeneratorResult {
  readonly name: string;
  readonly source: 'shimkit' | 'node:crypto' | '@noble/ciphers';
  /** At most 65 536 bytes per call: the 1 MiB request is 16 calls. */
  readonly capped: boolean;
  /** The generator the ratios compare with (crypto.getRandomValues). */
  readonly baseline: boolean;
  readonly points: readonly GeneratorPoint[];
}

/** What the figures were measured on. */
export interface BenchEnvironment {
  readonly node: string;
  readonly platform: string;
  readonly backend: string;
  readonly osUnixPath: string;
  readonly aes256Ctr: string;
  readonly chacha20: string;
}

/** Request sizes of the generator run, in bytes: 16 B to 1 MiB. */
export const SIZES: readonly number[];
/** `16 B`, `4 KiB`, `1 MiB`. */
export function sizeLabel(bytes: number): string;
/** The full or `quick` preset; `timeMs` replaces every per-measurement time. */
export function benchSettings(options?: { quick?: boolean; timeMs?: number }): BenchSettings;
export function benchEnvironment(): BenchEnvironment;
export function runDefaultInstance(settings: BenchSettings, onProgress?: BenchProgress): DefaultInstanceRow[];
export function runGenerators(settings: BenchSettings, onProgress?: BenchProgress, sizes?: readonly number[]): GeneratorResult[];

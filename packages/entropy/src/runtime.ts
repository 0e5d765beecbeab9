/**
 * The entropy runtime: one seeded generator fed by the sources of one OS backend, with its
 * lifecycle (the collection side of mirage-crypto-rng's entropy module, plus SP 800-90B health
 * tests, accelerator probing and introspection; docs/sources-and-health.md specifies it).
 *
 * - Nothing happens at construction: no randomness is drawn, no accelerator probed and no hook
 *   registered.
 * - `initialize()` (or the first request) probes the backend's accelerators once (see
 *   `accelerators.ts`), then seeds synchronously: the bootstrap source (RDSEED → RDRAND →
 *   Whirlwind timing) and the OS random source, hashed into a fresh Fortuna by one reseed. The
 *   generator counts as seeded only when those sources gave at least `MIN_SEED_ENTROPY_BITS`
 *   (256) bits of credited entropy; otherwise it throws `NoEntropyError` and stays unseeded. Then
 *   the loop-timer, periodic CPU-RNG and periodic OS-random sources start, and the runtime
 *   subscribes to the backend's clone/resume signal (`os.lifecycle.onClone`) where there is one.
 * - Requests are served by a ChaCha20 fast-key-erasure front over Fortuna. Whenever the front
 *   goes to Fortuna, the runtime first does its upkeep: drain the native cycle trace into the
 *   pools, feed the CPU RNG (once per second), reseed from the OS (every 60 s). Backends without a
 *   native trace also do the upkeep every 64 loop iterations from the loop hook.
 * - A clone signal, `notifyClone()` or a changed `generation()` value: before the next request
 *   the front's key and buffer are wiped and Fortuna is reseeded with fresh bootstrap and OS
 *   bytes, so no output buffered before the snapshot is ever returned and the copies diverge.
 * - `stop()` unregisters every hook, sampler and the clone subscription and wipes the front; the
 *   next request (or `initialize()`) starts over with a new generator.
 * - Every request is validated once, here at the edge; on any error after that the destination
 *   is all zero (argument errors leave it untouched).
 */

import type { CloneKind, Os, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction, assertOptions } from '@shimkit/os-shim/validate';
import { type AcceleratorStatus, type ProbedKeystream, probeAes256Ctr, probeChacha20 } from './accelerators.js';
import type { Aes256Ctr } from './aes-ctr.js';
import { ChaChaFront } from './chacha-front.js';
import type { ChaCha20Keystream } from './chacha20.js';
import { Fortuna } from './fortuna.js';
import { type Generator, MAX_REQUEST } from './generator.js';
import type { HealthMonitor } from './health/monitor.js';
import { SERVE, TAKE_UINT } from './internal.js';
import { NoEntropyError } from './no-entropy-error.js';
import { formatUuid, randomIntFrom } from './random.js';
import { checkDestination, checkLength, checkSeed } from './request.js';
import { bootstrap, type BootstrapMethod, type BootstrapResult, RDRAND_WORDS, RDSEED_WORDS } from './sources/bootstrap.js';
import { CPU_WORD_MIN_ENTROPY, CpuRng } from './sources/cpu-rng.js';
import { LoopTimerSource } from './sources/loop-timer.js';
import { OS_RANDOM_SEED_BYTES, OsRandomSource } from './sources/os-random.js';
import { PeriodicCpuRngSource } from './sources/periodic-cpu-rng.js';
import { SourceCounters } from './sources/source-status.js';
import { createWhirlwindMonitor, WHIRLWIND_CREDITED, WHIRLWIND_MIN_ENTROPY } from './sources/whirlwind.js';
import type { EntropyStatus, SeedSource } from './status.js';

/** Loop iterations between upkeeps on backends whose loop source is a JavaScript hook. */
export const HOOK_UPKEEP_EVERY = 64;

/** `fill` remembers a validated destination of at most this many bytes … */
const SMALL_VIEW = 1024;
/** … over a buffer of at most this many. */
const SMALL_BUFFER = 65_536;

/** The native cycle trace is drained at most this often by the upkeep (ns). */
export const PUMP_INTERVAL_NS = 1_000_000n;

/** The least credited entropy, in bits, from which the runtime counts as seeded. */
export const MIN_SEED_ENTROPY_BITS = 256;

/** Credited entropy of one seed contribution, in bits (the assessments of docs/sources-and-health.md). */
export const SEED_CREDIT_BITS: Readonly<Record<SeedSource, number>> = Object.freeze({
  rdseed: RDSEED_WORDS * CPU_WORD_MIN_ENTROPY,
  rdrand: RDRAND_WORDS * CPU_WORD_MIN_ENTROPY,
  whirlwind: WHIRLWIND_CREDITED * WHIRLWIND_MIN_ENTROPY,
  'os-random': OS_RANDOM_SEED_BYTES * 8,
});

export interface RuntimeOptions {
  /** Fortuna's AES-256-CTR (default: the backend's `os.cpu.aes256Ctr` if any, else @noble/ciphers). Probed before use. */
  readonly aes?: Aes256Ctr;
  /** The front's ChaCha20 (default: the backend's `os.cpu.chacha20` if any, else @noble/ciphers). Probed before use. */
  readonly chacha?: ChaCha20Keystream;
  /** Where source and accelerator failures are logged (default: the backend console). */
  readonly log?: (line: string) => void;
}

export interface InitializeOptions {
  /**
   * A counter the embedding changes whenever the VM was snapshotted or cloned (e.g. a VM
   * Generation ID). Read before every request; a change acts as `notifyClone()`.
   */
  readonly generation?: () => number | bigint;
}

const RUNTIME_KEYS = ['aes', 'chacha', 'log'] as const;
const INITIALIZE_KEYS = ['generation'] as const;

function concat(parts: (Uint8Array | undefined)[]): Uint8Array {
  const present = parts.filter((p): p is Uint8Array => p !== undefined);
  const out = new Uint8Array(present.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of present) {
    out.set(p, off);
    off += p.length;
    p.fill(0);
  }
  return out;
}

const NOT_PROBED: AcceleratorStatus = Object.freeze({ path: 'not-probed', reason: 'probed at first use' });

/**
 * The runtime behind the default instance, for an explicit `Os` object (another backend
 * object, tests with fake hardware).
 *
 * @example
 * const rt = new EntropyRuntime(os, { log: (line) => myLog(line) });
 * rt.fill(new Uint8Array(32));
 * rt.status().sources;
 * rt.stop();
 */
export class EntropyRuntime {
  readonly os: Os;
  /** The runtime as a `Generator` (for `createRandom`): it seeds lazily and routes to the front. */
  readonly generator: Generator;

  readonly #aesOption: Aes256Ctr | undefined;
  readonly #chachaOption: ChaCha20Keystream | undefined;
  readonly #log: (line: string) => void;
  readonly #cpuRng: CpuRng;
  readonly #whirlwind: HealthMonitor = createWhirlwindMonitor();
  readonly #bootstrapCounters = new SourceCounters('bootstrap');
  readonly #osRandom: OsRandomSource;
  readonly #uuid = new Uint8Array(16);
  /** The next `nbytes` output bytes as a big-endian integer (for `randomInt`), seeding lazily. */
  readonly #take = (nbytes: number): number => {
    const front = this.#front;
    if (front === undefined || this.#clonePending || this.#generation !== undefined) return this.#ready()[TAKE_UINT](nbytes);
    return front[TAKE_UINT](nbytes);
  };
  #aes: ProbedKeystream<Aes256Ctr> | undefined;
  #chacha: ProbedKeystream<ChaCha20Keystream> | undefined;
  #loop: LoopTimerSource | undefined;
  #periodic: PeriodicCpuRngSource | undefined;

  #fortuna: Fortuna | undefined;
  #front: ChaChaFront | undefined;
  #hook: Unregister | undefined;
  #cloneHook: Unregister | undefined;
  #lastClone: CloneKind | 'notifyClone' | 'generation' | null = null;
  #iterations = 0;
  #bootstrap: BootstrapResult | undefined;
  #seededFrom: SeedSource[] = [];
  #seedBits = 0;
  #directReseeds = 0;
  #poolReseedsSeen = 0;
  #lastReseedNs: bigint | undefined;
  #generation: (() => number | bigint) | undefined;
  #lastGeneration: number | bigint | undefined;
  #clonePending = false;
  #clones = 0;
  #lastPumpNs: bigint | undefined;
  /** The last small plain Uint8Array `fill` validated (see `fill`). */
  #validated: Uint8Array | undefined;

  /** @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` for an unknown option key or a wrong type. */
  constructor(os: Os, options?: RuntimeOptions) {
    const { aes, chacha, log } = assertOptions<RuntimeOptions>(options, 'options', RUNTIME_KEYS);
    this.os = os;
    this.#aesOption = aes === undefined ? undefined : assertFunction<Aes256Ctr>(aes, 'options.aes');
    this.#chachaOption = chacha === undefined ? undefined : assertFunction<ChaCha20Keystream>(chacha, 'options.chacha');
    this.#log = log === undefined ? (line) => os.console.log(line) : assertFunction<(line: string) => void>(log, 'options.log');
    this.#cpuRng = new CpuRng(os.cpu, this.#log);
    this.#osRandom = new OsRandomSource(os, this.#log);
    this.#bootstrapCounters.available = true;
    this.generator = this.#servingGenerator();
  }

  get initialized(): boolean {
    return this.#front !== undefined;
  }

  /**
   * Seeds the generator and starts the sources (idempotent); returns the status.
   *
   * @throws NoEntropyError `ERR_NO_ENTROPY` when the sources give less than 256 bits of credited entropy.
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` for an unknown option key or a wrong type.
   */
  initialize(options?: InitializeOptions): EntropyStatus {
    const { generation } = assertOptions<InitializeOptions>(options, 'options', INITIALIZE_KEYS);
    if (generation !== undefined) {
      this.#generation = assertFunction<() => number | bigint>(generation, 'options.generation');
      this.#lastGeneration = this.#generation();
    }
    if (this.#front) return this.status();
    this.#start();
    return this.status();
  }

  #start(): void {
    const backend = this.os.name;
    this.#aes ??= probeAes256Ctr(this.os.cpu, backend, this.#log, this.#aesOption);
    this.#chacha ??= probeChacha20(this.os.cpu, backend, this.#log, this.#chachaOption);
    const seed = this.#freshSeed();
    const clock = (): bigint => this.os.time.monotonicNs();
    const fortuna = new Fortuna({ clock, aes: this.#aes.fn });
    fortuna.reseed(seed);
    seed.fill(0);
    this.#fortuna = fortuna;
    this.#directReseeds = 1;
    this.#poolReseedsSeen = 0;
    this.#lastReseedNs = clock();
    this.#front = new ChaChaFront(this.#upkeepParent(fortuna), { clock, chacha: this.#chacha.fn });

    this.#loop = new LoopTimerSource(this.os, fortuna);
    this.#periodic = new PeriodicCpuRngSource(this.#cpuRng, fortuna);
    this.#loop.start();
    this.#periodic.start();
    this.#osRandom.start(this.#lastReseedNs);
    this.#periodic.maybeFeed(this.#lastReseedNs);
    if (!this.os.main.cycleTrace) {
      this.#hook = this.os.main.atEnterIter(() => {
        if (++this.#iterations % HOOK_UPKEEP_EVERY === 0) this.#upkeep();
      });
    }
    const lifecycle = this.os.lifecycle;
    if (typeof lifecycle.onClone === 'function') {
      this.#cloneHook = lifecycle.onClone((kind) => {
        this.#lastClone = kind;
        this.#markClone();
      });
    }
  }

  /** Stops every source, hook and the clone subscription and wipes the front; the next use starts over. */
  stop(): void {
    this.#hook?.();
    this.#hook = undefined;
    this.#cloneHook?.();
    this.#cloneHook = undefined;
    this.#loop?.stop();
    this.#periodic?.stop();
    this.#osRandom.stop();
    this.#front?.forget();
    this.#front = undefined;
    this.#fortuna = undefined;
    this.#validated = undefined;
    this.#lastPumpNs = undefined;
    this.#clonePending = false;
    this.#generation = undefined;
    this.#lastGeneration = undefined;
  }

  /** The VM was snapshotted or cloned: reseed from fresh sources before the next request. */
  notifyClone(): void {
    this.#lastClone = 'notifyClone';
    this.#markClone();
  }

  #markClone(): void {
    this.#clonePending = true;
    this.#front?.forget();
  }

  /**
   * Overwrites every byte of `dest` (an integer typed array or DataView; float arrays are
   * refused) and returns it. Argument errors leave `dest` untouched; any other error leaves it
   * all zero.
   *
   * @throws ShimkitTypeError / ShimkitRangeError (arguments), NoEntropyError `ERR_NO_ENTROPY`.
   */
  fill<T extends ArrayBufferView>(dest: T): T {
    // A plain Uint8Array validated by the previous call is still valid if it is not empty (a
    // detached view has length 0): its buffer can neither become immutable nor move. Only small
    // views over small buffers are remembered (nothing large is kept alive); `stop()` drops it.
    const known = this.#validated;
    if ((dest as unknown) === known && known !== undefined && known.byteLength !== 0 && known.byteLength <= SMALL_VIEW) {
      this.#serve(known);
      return dest;
    }
    const out = checkDestination(dest, MAX_REQUEST);
    if (out === (dest as unknown) && out.byteLength <= SMALL_VIEW && out.buffer.byteLength <= SMALL_BUFFER) this.#validated = out;
    this.#serve(out);
    return dest;
  }

  /** `n` fresh bytes (0 ≤ n ≤ 2^31 − 1). @throws as `fill`. */
  randomBytes(n: number): Uint8Array {
    const out = new Uint8Array(checkLength(n, MAX_REQUEST));
    this.#serve(out, true);
    return out;
  }

  /** An RFC 9562 version-4 UUID. @throws NoEntropyError `ERR_NO_ENTROPY`. */
  randomUUID(): string {
    const b = this.#uuid;
    this.#serve(b);
    return formatUuid(b);
  }

  /**
   * A uniform integer in [0, a) — or [a, b) — by rejection sampling; Node's `crypto.randomInt`
   * argument conventions (see `random.ts`).
   *
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` (not a safe integer), ShimkitRangeError
   *   `ERR_OUT_OF_RANGE` (max ≤ min, or max − min ≥ 2^48), NoEntropyError `ERR_NO_ENTROPY`.
   */
  randomInt(a: number, b?: number): number {
    return randomIntFrom(this.#take, a, b);
  }

  /**
   * Mixes `seed` into Fortuna (after seeding from the sources, if that did not happen yet) and
   * rekeys the front. It adds to the sources, never replaces them.
   *
   * @throws ShimkitTypeError for a bad `seed`; NoEntropyError `ERR_NO_ENTROPY`.
   */
  reseed(seed: Uint8Array): void {
    const s = checkSeed(seed);
    this.#ready().reseed(s);
  }

  /** Serves a validated destination; all zero on any throw. */
  #serve(out: Uint8Array, fresh = false): void {
    try {
      const front = this.#front !== undefined && !this.#clonePending && this.#generation === undefined ? this.#front : this.#ready();
      front[SERVE](out, fresh);
    } catch (error) {
      out.fill(0);
      throw error;
    }
  }

  status(): EntropyStatus {
    const fortuna = this.#fortuna;
    const front = this.#front;
    const boot = this.#bootstrap;
    const now = this.os.time.monotonicNs();
    const loop = this.#loop ?? new LoopTimerSource(this.os, { add() {} });
    const periodic = this.#periodic ?? new PeriodicCpuRngSource(this.#cpuRng, { add() {} });
    const bootCounters = this.#bootstrapCounters;
    bootCounters.running = boot !== undefined;
    bootCounters.lastOk = boot === undefined ? undefined : boot.method !== undefined;
    const aes = this.#aes?.status ?? NOT_PROBED;
    const chacha = this.#chacha?.status ?? NOT_PROBED;
    const rdrand = this.#cpuRng.has('rdrand') ? this.#cpuRng.monitors.rdrand : undefined;
    return {
      backend: this.os.name,
      initialized: front !== undefined,
      seededFrom: [...this.#seededFrom],
      seedEntropyBits: this.#seedBits,
      timingOnly: this.#seededFrom.length === 1 && this.#seededFrom[0] === 'whirlwind',
      serving: {
        front: 'chacha20-fast-key-erasure',
        generator: 'fortuna',
        accelerated: aes.path === 'accelerator',
        bulkThreshold: front?.bulkThreshold ?? 0,
        accelerators: { aes256Ctr: aes, chacha20: chacha },
      },
      fortuna: {
        reseedCount: fortuna?.reseedCount ?? 0,
        pool0Length: fortuna?.pool0Length ?? 0,
        directReseeds: this.#directReseeds,
        lastReseedAgoMs: this.#lastReseedNs === undefined ? null : Number((now - this.#lastReseedNs) / 1_000_000n),
      },
      frontReseeds: front?.reseeds ?? 0,
      bootstrap: { method: boot?.method ?? null, failed: boot ? [...boot.failed] : [] },
      sources: [
        bootCounters.snapshot(this.#bootstrapMonitor()),
        this.#osRandom.counters.snapshot(),
        loop.counters.snapshot(loop.monitor),
        periodic.counters.snapshot(rdrand, rdrand ? this.#cpuRng.failures('rdrand') - rdrand.failures : 0),
      ],
      clones: this.#clones,
      cloneSignal: {
        subscribed: this.#cloneHook !== undefined,
        source: typeof this.os.lifecycle.onClone === 'function' ? 'os.lifecycle.onClone' : 'none',
        last: this.#lastClone,
      },
    };
  }

  /** The health monitor of the bootstrap method in use (or of the last one that failed). */
  #bootstrapMonitor(): HealthMonitor | undefined {
    const boot = this.#bootstrap;
    if (!boot) return undefined;
    const method = boot.method ?? boot.failed[boot.failed.length - 1];
    if (method === undefined) return undefined;
    return method === 'whirlwind' ? this.#whirlwind : this.#cpuRng.monitors[method];
  }

  /**
   * Bootstrap + OS random, concatenated; throws NoEntropyError unless they carry at least
   * `MIN_SEED_ENTROPY_BITS` of credited entropy.
   */
  #freshSeed(): Uint8Array {
    const boot = bootstrap(this.os, this.#cpuRng, this.#whirlwind, this.#log);
    this.#bootstrap = boot;
    const c = this.#bootstrapCounters;
    c.samples += boot.samples;
    c.failures += boot.failed.length;
    c.detail = boot.method ? `seeded by ${boot.method}` : `every method failed (${boot.failed.join(', ') || 'none available'})`;
    const fromOs = this.#osRandom.seed();
    const sources: SeedSource[] = [...(boot.method && boot.bytes ? [boot.method as BootstrapMethod] : []), ...(fromOs ? (['os-random'] as const) : [])];
    const bits = sources.reduce((n, s) => n + SEED_CREDIT_BITS[s], 0);
    if (bits < MIN_SEED_ENTROPY_BITS) {
      boot.bytes?.fill(0);
      fromOs?.fill(0);
      const attempts = [
        `bootstrap ${boot.method ? `gave only ${SEED_CREDIT_BITS[boot.method]} credited bits` : `failed (${boot.failed.join(' → ') || 'nothing to try'})`}${this.#whirlwind.assessment?.passed === false ? `; Whirlwind start-up assessment: ${this.#whirlwind.assessment.reason}` : ''}`,
        this.#osRandom.counters.available ? (fromOs ? 'the OS random source' : 'the OS random source failed') : `the ${this.os.name} backend has no OS random source`,
        `${bits} of the ${MIN_SEED_ENTROPY_BITS} bits of credited entropy a seed needs`,
      ];
      throw new NoEntropyError(this.os.name, attempts);
    }
    if (boot.bytes) c.bytesFed += boot.bytes.length;
    this.#seededFrom = sources;
    this.#seedBits = bits;
    return concat([boot.bytes, fromOs]);
  }

  /** Drain the trace, feed the CPU RNG, reseed from the OS when due. */
  #upkeep(): void {
    const fortuna = this.#fortuna;
    if (!fortuna) return;
    const now = this.os.time.monotonicNs();
    // Drain the native trace at most once per PUMP_INTERVAL_NS: a drain is a native call, and
    // back-to-back bulk requests would otherwise pay it each time for a handful of samples (the
    // ring holds thousands of iterations, far more than a millisecond of loop turns).
    if (this.#lastPumpNs === undefined || now - this.#lastPumpNs >= PUMP_INTERVAL_NS) {
      this.#lastPumpNs = now;
      this.#loop?.pump();
    }
    this.#periodic?.maybeFeed(now);
    const fromOs = this.#osRandom.due(now);
    if (fromOs) {
      fortuna.reseed(fromOs);
      fromOs.fill(0);
      this.#directReseeds++;
      this.#lastReseedNs = now;
    }
  }

  /** Fortuna as the front's parent: upkeep before every draw, pool reseeds timestamped. */
  #upkeepParent(fortuna: Fortuna): Generator {
    const draw = (out: Uint8Array): void => {
      try {
        this.#upkeep();
      } catch (error) {
        out.fill(0);
        throw error;
      }
      fortuna[SERVE](out);
      if (fortuna.reseedCount !== this.#poolReseedsSeen) {
        this.#poolReseedsSeen = fortuna.reseedCount;
        this.#lastReseedNs = this.os.time.monotonicNs();
      }
    };
    return {
      name: fortuna.name,
      get seeded() {
        return fortuna.seeded;
      },
      accelerated: fortuna.accelerated,
      maxRequest: fortuna.maxRequest,
      reseed: (seed) => {
        fortuna.reseed(seed);
        this.#directReseeds++;
        this.#lastReseedNs = this.os.time.monotonicNs();
      },
      generate: (n) => {
        const out = new Uint8Array(checkLength(n, fortuna.maxRequest));
        draw(out);
        return out;
      },
      fill: (dest) => draw(checkDestination(dest, fortuna.maxRequest)),
      [SERVE]: draw,
    } as Generator;
  }

  /** Before a request: seed lazily, and recover from a clone. */
  #ready(): ChaChaFront {
    if (!this.#front) this.#start();
    if (this.#generation) {
      const g = this.#generation();
      if (g !== this.#lastGeneration) {
        this.#lastGeneration = g;
        this.#lastClone = 'generation';
        this.#clonePending = true;
      }
    }
    if (this.#clonePending) {
      this.#front!.forget();
      const seed = this.#freshSeed();
      this.#fortuna!.reseed(seed);
      seed.fill(0);
      this.#directReseeds++;
      this.#lastReseedNs = this.os.time.monotonicNs();
      this.#clonePending = false;
      this.#clones++;
    }
    return this.#front!;
  }

  #servingGenerator(): Generator {
    const self = this;
    return {
      name: 'shimkit-default',
      get seeded() {
        return self.#front !== undefined;
      },
      maxRequest: MAX_REQUEST,
      reseed(seed: Uint8Array) {
        self.reseed(seed);
      },
      generate(n: number) {
        return self.randomBytes(n);
      },
      fill(dest: ArrayBufferView) {
        self.fill(dest);
      },
      [SERVE](out: Uint8Array, fresh?: boolean) {
        self.#serve(out, fresh);
      },
      [TAKE_UINT](nbytes: number) {
        return self.#take(nbytes);
      },
    } as Generator;
  }
}

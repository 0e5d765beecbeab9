/**
 * The entropy runtime: one seeded generator fed by the sources of one OS backend, with its
 * lifecycle (DESIGN.md §4; the collection side of mirage-crypto-rng's entropy module, plus
 * SP 800-90B health tests and introspection).
 *
 * - Nothing happens at construction: no randomness is drawn and no hook is registered.
 * - `initialize()` (or the first request) seeds synchronously: the bootstrap source (RDSEED →
 *   RDRAND → Whirlwind timing) and the OS random source, both hashed into a fresh Fortuna by one
 *   reseed. If neither yields healthy bytes it throws `NoEntropyError` and stays unseeded. Then
 *   the loop-timer, periodic CPU-RNG and periodic OS-random sources start.
 * - Requests are served by a ChaCha20 fast-key-erasure front over Fortuna. Whenever the front
 *   goes to Fortuna, the runtime first does its upkeep: drain the native cycle trace into the
 *   pools, feed the CPU RNG (once per second), reseed from the OS (every 60 s). Backends without a
 *   native trace also do the upkeep every 64 loop iterations from the loop hook.
 * - `notifyClone()` (or a changed `generation()` value): before the next request the front's key
 *   and buffer are wiped and Fortuna is reseeded with fresh bootstrap and OS bytes, so no output
 *   buffered before the snapshot is ever returned and the two copies diverge.
 * - `stop()` unregisters every hook and sampler and wipes the front; the next request (or
 *   `initialize()`) starts over with a new generator.
 */

import type { Os, Unregister } from '@shimkit/os-shim/contract';
import { assertFunction } from '@shimkit/os-shim/validate';
import type { Aes256Ctr } from './aes-ctr.js';
import { ChaChaFront } from './chacha-front.js';
import { Fortuna } from './fortuna.js';
import { type Generator, MAX_REQUEST } from './generator.js';
import type { HealthMonitor } from './health/monitor.js';
import { NoEntropyError } from './no-entropy-error.js';
import { checkDestination, checkSeed } from './request.js';
import { bootstrap, type BootstrapResult } from './sources/bootstrap.js';
import { CpuRng } from './sources/cpu-rng.js';
import { LoopTimerSource } from './sources/loop-timer.js';
import { OsRandomSource } from './sources/os-random.js';
import { PeriodicCpuRngSource } from './sources/periodic-cpu-rng.js';
import { SourceCounters } from './sources/source-status.js';
import { createWhirlwindMonitor } from './sources/whirlwind.js';
import type { EntropyStatus, SeedSource } from './status.js';

/** Loop iterations between upkeeps on backends whose loop source is a JavaScript hook. */
export const HOOK_UPKEEP_EVERY = 64;

export interface RuntimeOptions {
  /** Fortuna's AES-256-CTR (default: the backend's accelerator if any, else @noble/ciphers). */
  readonly aes?: Aes256Ctr;
  /** Where source failures are logged (default: the backend console). */
  readonly log?: (line: string) => void;
}

export interface InitializeOptions {
  /**
   * A counter the embedding changes whenever the VM was snapshotted or cloned (e.g. a VM
   * Generation ID). Read before every request; a change acts as `notifyClone()`.
   */
  readonly generation?: () => number | bigint;
}

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

export class EntropyRuntime {
  readonly os: Os;
  /** The generator the user API wraps: it seeds lazily and routes to the front. */
  readonly generator: Generator;

  readonly #aes: Aes256Ctr | undefined;
  readonly #log: (line: string) => void;
  readonly #cpuRng: CpuRng;
  readonly #whirlwind: HealthMonitor = createWhirlwindMonitor();
  readonly #bootstrapCounters = new SourceCounters('bootstrap');
  readonly #osRandom: OsRandomSource;
  #loop: LoopTimerSource | undefined;
  #periodic: PeriodicCpuRngSource | undefined;

  #fortuna: Fortuna | undefined;
  #front: ChaChaFront | undefined;
  #hook: Unregister | undefined;
  #iterations = 0;
  #bootstrap: BootstrapResult | undefined;
  #seededFrom: SeedSource[] = [];
  #directReseeds = 0;
  #poolReseedsSeen = 0;
  #lastReseedNs: bigint | undefined;
  #generation: (() => number | bigint) | undefined;
  #lastGeneration: number | bigint | undefined;
  #clonePending = false;
  #clones = 0;

  constructor(os: Os, options: RuntimeOptions = {}) {
    this.os = os;
    this.#aes = options.aes;
    this.#log = options.log ?? ((line) => os.console.log(line));
    this.#cpuRng = new CpuRng(os.cpu, this.#log);
    this.#osRandom = new OsRandomSource(os, this.#log);
    this.#bootstrapCounters.available = true;
    this.generator = this.#servingGenerator();
  }

  get initialized(): boolean {
    return this.#front !== undefined;
  }

  /** Seeds the generator and starts the sources (idempotent). Throws `NoEntropyError`. */
  initialize(options: InitializeOptions = {}): EntropyStatus {
    if (options.generation !== undefined) {
      this.#generation = assertFunction<() => number | bigint>(options.generation, 'options.generation');
      this.#lastGeneration = this.#generation();
    }
    if (this.#front) return this.status();

    const seed = this.#freshSeed();
    const clock = (): bigint => this.os.time.monotonicNs();
    const fortuna = new Fortuna(this.#aes ? { clock, aes: this.#aes } : { clock });
    fortuna.reseed(seed);
    seed.fill(0);
    this.#fortuna = fortuna;
    this.#directReseeds = 1;
    this.#poolReseedsSeen = 0;
    this.#lastReseedNs = clock();
    this.#front = new ChaChaFront(this.#upkeepParent(fortuna), { clock });

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
    return this.status();
  }

  /** Stops every source and hook and wipes the front; the next use starts over. */
  stop(): void {
    this.#hook?.();
    this.#hook = undefined;
    this.#loop?.stop();
    this.#periodic?.stop();
    this.#osRandom.stop();
    this.#front?.forget();
    this.#front = undefined;
    this.#fortuna = undefined;
    this.#clonePending = false;
    this.#generation = undefined;
    this.#lastGeneration = undefined;
  }

  /** The VM was snapshotted or cloned: reseed from fresh sources before the next request. */
  notifyClone(): void {
    this.#clonePending = true;
    this.#front?.forget();
  }

  status(): EntropyStatus {
    const fortuna = this.#fortuna;
    const front = this.#front;
    const boot = this.#bootstrap;
    const now = this.os.time.monotonicNs();
    const loop = this.#loop ?? new LoopTimerSource(this.os, { add() {} });
    const periodic = this.#periodic ?? new PeriodicCpuRngSource(this.#cpuRng, { add() {} });
    const bootCounters = this.#bootstrapCounters;
    bootCounters.running = boot?.method !== undefined;
    return {
      backend: this.os.name,
      initialized: front !== undefined,
      seededFrom: [...this.#seededFrom],
      timingOnly: this.#seededFrom.length === 1 && this.#seededFrom[0] === 'whirlwind',
      serving: {
        front: 'chacha20-fast-key-erasure',
        generator: 'fortuna',
        accelerated: fortuna?.accelerated ?? false,
        bulkThreshold: front?.bulkThreshold ?? 0,
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
        {
          ...periodic.counters.snapshot(this.#cpuRng.has('rdrand') ? this.#cpuRng.monitors.rdrand : undefined),
          failures: periodic.counters.failures + this.#cpuRng.failures('rdrand'),
        },
      ],
      clones: this.#clones,
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

  /** Bootstrap + OS random, concatenated; throws NoEntropyError if neither gave healthy bytes. */
  #freshSeed(): Uint8Array {
    const boot = bootstrap(this.os, this.#cpuRng, this.#whirlwind, this.#log);
    this.#bootstrap = boot;
    const c = this.#bootstrapCounters;
    c.samples += boot.samples;
    c.failures += boot.failed.length;
    c.detail = boot.method ? `seeded by ${boot.method}` : `every method failed (${boot.failed.join(', ') || 'none available'})`;
    const fromOs = this.#osRandom.seed();
    if (!boot.bytes && !fromOs) {
      const attempts = [
        `bootstrap failed (${boot.failed.join(' → ')})${this.#whirlwind.assessment?.passed === false ? `; Whirlwind start-up assessment: ${this.#whirlwind.assessment.reason}` : ''}`,
        this.#osRandom.counters.available ? 'the OS random source failed' : `the ${this.os.name} backend has no OS random source`,
      ];
      throw new NoEntropyError(this.os.name, attempts);
    }
    if (boot.bytes) c.bytesFed += boot.bytes.length;
    this.#seededFrom = [...(boot.method ? [boot.method] : []), ...(fromOs ? (['os-random'] as const) : [])];
    return concat([boot.bytes, fromOs]);
  }

  /** Drain the trace, feed the CPU RNG, reseed from the OS when due. */
  #upkeep(): void {
    const fortuna = this.#fortuna;
    if (!fortuna) return;
    const now = this.os.time.monotonicNs();
    this.#loop?.pump();
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
    const draw = <T>(serve: () => T): T => {
      this.#upkeep();
      const out = serve();
      if (fortuna.reseedCount !== this.#poolReseedsSeen) {
        this.#poolReseedsSeen = fortuna.reseedCount;
        this.#lastReseedNs = this.os.time.monotonicNs();
      }
      return out;
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
      generate: (n) => draw(() => fortuna.generate(n)),
      fill: (dest) => draw(() => fortuna.fill(dest)),
    };
  }

  /** Before a request: seed lazily, and recover from a clone. */
  #ready(): ChaChaFront {
    if (!this.#front) this.initialize();
    if (this.#generation) {
      const g = this.#generation();
      if (g !== this.#lastGeneration) {
        this.#lastGeneration = g;
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
      reseed(seed) {
        const s = checkSeed(seed);
        self.#ready().reseed(s);
      },
      generate(n) {
        return self.#ready().generate(n);
      },
      fill(dest) {
        checkDestination(dest, MAX_REQUEST);
        self.#ready().fill(dest);
      },
    };
  }
}

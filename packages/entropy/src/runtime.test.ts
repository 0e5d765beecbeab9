import type { Cpu, CpuRngResult, Os } from '@shimkit/os-shim/contract';
import { os as fallbackOs } from '@shimkit/os-unix/fallback';
import { os as nativeOs, status as unixStatus } from '@shimkit/os-unix';
import { describe, expect, it } from 'vitest';
import { jsAes256Ctr } from './aes-ctr.js';
import { rctCutoff } from './health/cutoffs.js';
import { EntropyRuntime, HOOK_UPKEEP_EVERY } from './runtime.js';
import { LOOP_TIMER_BATCH, LOOP_TIMER_STARTUP } from './sources/loop-timer.js';
import { createUnsafeDeterministicRandom } from './unsafe-deterministic.js';

const nextIteration = () => new Promise<void>((resolve) => setImmediate(resolve));
async function iterations(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await nextIteration();
}

/** A backend like Xen or Solo5 on a CPU without RDRAND: real cycle counter, nothing else. */
function timingOnlyOs(cycles: () => number = () => fallbackOs.cpu.cycles()): Os {
  const { random: _random, cpu: _cpu, ...rest } = fallbackOs;
  return { ...rest, cpu: { cycles } };
}

function withCpuRng(base: Os, rdrand: () => CpuRngResult, rdseed?: () => CpuRngResult): Os {
  const cpu: Cpu = { cycles: () => base.cpu.cycles(), rdrand };
  if (rdseed) cpu.rdseed = rdseed;
  return { ...base, cpu };
}

function collectLog(): { lines: string[]; log: (l: string) => void } {
  const lines: string[] = [];
  return { lines, log: (l) => void lines.push(l) };
}

describe('seeding on os-unix from real sources', () => {
  it('native: bootstrap from the CPU RNG plus getrandom; the loop timer drains the native trace', async () => {
    const s0 = unixStatus();
    const rt = new EntropyRuntime(nativeOs);
    expect(rt.initialized).toBe(false);
    const st = rt.initialize();
    const expectedBoot = s0.rdseed.available ? 'rdseed' : s0.rdrand.available ? 'rdrand' : 'whirlwind';
    expect(st.seededFrom).toEqual([expectedBoot, 'os-random']);
    expect(st.backend).toBe('unix');
    expect(st.timingOnly).toBe(false);
    expect(st.serving).toMatchObject({ front: 'chacha20-fast-key-erasure', generator: 'fortuna' });
    const byName = Object.fromEntries(st.sources.map((s) => [s.name, s]));
    expect(byName['os-random']).toMatchObject({ available: true, healthy: true, bytesFed: 32, failures: 0 });
    expect(byName['bootstrap']).toMatchObject({ available: true, healthy: true, detail: `seeded by ${expectedBoot}` });
    expect(byName['loop-timer']!.detail).toBe(s0.path === 'native' ? 'native cycle trace, drained in batches' : 'atEnterIter hook');
    expect(byName['cpu-rng']!.available).toBe(s0.rdrand.available);
    if (s0.rdrand.available) expect(byName['cpu-rng']!.bytesFed).toBe(32 * 8);

    // Enough loop iterations for the start-up run and a few batches, then a request that goes
    // to Fortuna (the upkeep drains the trace on native; the hook feeds on the fallback).
    for (let round = 0; round < 4; round++) {
      await iterations(LOOP_TIMER_STARTUP / 2);
      rt.generator.fill(new Uint8Array(8192));
    }
    const loop = rt.status().sources.find((s) => s.name === 'loop-timer')!;
    expect(loop.samples).toBeGreaterThan(LOOP_TIMER_STARTUP);
    expect(loop.health).toBe('healthy');
    expect(loop.bytesFed).toBeGreaterThan(0);
    expect(loop.bytesFed % LOOP_TIMER_BATCH).toBe(0);
    rt.stop();
  });

  it('fallback: Whirlwind bootstrap plus crypto.getRandomValues; the loop timer is a hook', async () => {
    const rt = new EntropyRuntime(fallbackOs);
    const st = rt.initialize();
    expect(st.seededFrom).toEqual(['whirlwind', 'os-random']);
    expect(st.bootstrap).toEqual({ method: 'whirlwind', failed: [] });
    const boot = st.sources.find((s) => s.name === 'bootstrap')!;
    expect(boot.health).toBe('healthy');
    expect(boot.samples).toBeGreaterThanOrEqual(2048);
    await iterations(LOOP_TIMER_STARTUP + 4 * LOOP_TIMER_BATCH);
    const loop = rt.status().sources.find((s) => s.name === 'loop-timer')!;
    expect(loop.detail).toBe('atEnterIter hook');
    expect(loop.bytesFed).toBeGreaterThanOrEqual(3 * LOOP_TIMER_BATCH);
    expect(rt.status().fortuna.pool0Length).toBeGreaterThan(0);
    rt.stop();
  });
});

describe('a backend with no OS random and no CPU RNG (Xen / Solo5 without RDRAND)', () => {
  it('seeds from timing alone and says so', async () => {
    const log = collectLog();
    const rt = new EntropyRuntime(timingOnlyOs(), { aes: jsAes256Ctr, log: log.log });
    const st = rt.initialize();
    expect(st.seededFrom).toEqual(['whirlwind']);
    expect(st.timingOnly).toBe(true);
    expect(st.serving.accelerated).toBe(false);
    const byName = Object.fromEntries(st.sources.map((s) => [s.name, s]));
    expect(byName['os-random']).toMatchObject({ available: false, healthy: false, bytesFed: 0 });
    expect(byName['cpu-rng']).toMatchObject({ available: false, healthy: false });
    expect(byName['bootstrap']).toMatchObject({ healthy: true, health: 'healthy', detail: 'seeded by whirlwind' });
    const a = rt.generator.generate(32);
    const b = rt.generator.generate(32);
    expect(a).toHaveLength(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(log.lines).toEqual([]);
    rt.stop();
  });

  it('a stuck cycle counter fails the health tests: ERR_NO_ENTROPY, never bytes', () => {
    const rt = new EntropyRuntime(timingOnlyOs(() => 123_456), { aes: jsAes256Ctr, log: () => {} });
    expect(() => rt.initialize()).toThrow(expect.objectContaining({ code: 'ERR_NO_ENTROPY' }));
    expect(rt.initialized).toBe(false);
    expect(() => rt.generator.generate(16)).toThrow(expect.objectContaining({ code: 'ERR_NO_ENTROPY' }));
    const boot = rt.status().sources.find((s) => s.name === 'bootstrap')!;
    expect(boot.healthy).toBe(false);
    expect(boot.health).toBe('permanent');
    expect(boot.failures).toBeGreaterThanOrEqual(3);
  });

  it('a counter that only ever steps by one cycle fails within the RCT cutoff', () => {
    let t = 0;
    const rt = new EntropyRuntime(timingOnlyOs(() => (t += 1)), { aes: jsAes256Ctr, log: () => {} });
    expect(() => rt.initialize()).toThrow(expect.objectContaining({ code: 'ERR_NO_ENTROPY' }));
    const boot = rt.status().sources.find((s) => s.name === 'bootstrap')!;
    // Three failures (permanent), each after rctCutoff(0.5) = 61 equal samples, and no more.
    expect(boot.samples).toBeLessThanOrEqual(3 * rctCutoff(0.5));
  });
});

describe('CPU RNG failures fall back to Whirlwind, logged and counted', () => {
  for (const [label, result] of [
    ['returns all-ones', { ok: false, reason: 'all-ones' }],
    ['leaves the carry flag clear', { ok: false, reason: 'no-carry' }],
  ] as const) {
    it(`RDSEED and RDRAND that ${label}`, () => {
      const log = collectLog();
      const bad = () => result as CpuRngResult;
      const rt = new EntropyRuntime(withCpuRng(timingOnlyOs(), bad, bad), { aes: jsAes256Ctr, log: log.log });
      const st = rt.initialize();
      expect(st.seededFrom).toEqual(['whirlwind']);
      expect(st.bootstrap).toEqual({ method: 'whirlwind', failed: ['rdseed', 'rdrand'] });
      expect(log.lines).toEqual([
        `@shimkit/entropy: rdseed failed (${result.reason === 'all-ones' ? 'returned the all-ones failure value' : 'carry flag clear after retries'}); counted in status()`,
        `@shimkit/entropy: rdrand failed (${result.reason === 'all-ones' ? 'returned the all-ones failure value' : 'carry flag clear after retries'}); counted in status()`,
        '@shimkit/entropy: CPU RNG bootstrap failed (rdseed, rdrand); using the Whirlwind timing bootstrap',
      ]);
      const byName = Object.fromEntries(st.sources.map((s) => [s.name, s]));
      expect(byName['bootstrap']!.failures).toBe(2);
      // The periodic feeding also tried (32 draws at initialize) and counted each failure.
      expect(byName['cpu-rng']!.failures).toBeGreaterThanOrEqual(32);
      expect(byName['cpu-rng']!.bytesFed).toBe(0);
      rt.stop();
    });
  }

  it('a CPU RNG that repeats a word fails its health test on the second word', () => {
    const log = collectLog();
    const same = (): CpuRngResult => ({ ok: true, value: 0x0123_4567_89ab_cdefn });
    const rt = new EntropyRuntime(withCpuRng(timingOnlyOs(), same, same), { aes: jsAes256Ctr, log: log.log });
    const st = rt.initialize();
    expect(st.bootstrap.failed).toEqual(['rdseed', 'rdrand']);
    expect(st.seededFrom).toEqual(['whirlwind']);
    expect(log.lines[0]).toBe('@shimkit/entropy: rdseed output failed the repetition-count health test (state intermittent); counted in status()');
    rt.stop();
  });
});

/** A backend whose every input is reproducible (for comparing two runtimes byte for byte). */
function deterministicOs(seed: string): Os {
  const timing = createUnsafeDeterministicRandom(new TextEncoder().encode(`${seed}/cycles`));
  const osRandom = createUnsafeDeterministicRandom(new TextEncoder().encode(`${seed}/os`));
  let t = 0;
  const word = new Uint32Array(1);
  return {
    ...fallbackOs,
    cpu: {
      cycles: () => {
        timing.fill(word);
        t = (t + 1000 + (word[0]! & 0xffff)) >>> 0;
        return t;
      },
    },
    random: { fill: (dest: Uint8Array) => void osRandom.fill(dest) },
  };
}

describe('VM snapshot / clone', () => {
  it('two identical states agree; after notifyClone no pre-clone buffered output is returned', () => {
    const a = new EntropyRuntime(deterministicOs('vm'), { aes: jsAes256Ctr, log: () => {} });
    const b = new EntropyRuntime(deterministicOs('vm'), { aes: jsAes256Ctr, log: () => {} });
    a.initialize();
    b.initialize();
    // Same inputs, same state: the "clone" of a VM.
    expect(Buffer.from(a.generator.generate(16))).toEqual(Buffer.from(b.generator.generate(16)));
    b.notifyClone();
    const nextA = a.generator.generate(64); // what b's buffer would have handed out
    const nextB = b.generator.generate(64);
    expect(Buffer.from(nextB).equals(Buffer.from(nextA))).toBe(false);
    for (let i = 0; i + 8 <= 64; i += 8) {
      expect(Buffer.from(nextA).includes(Buffer.from(nextB.subarray(i, i + 8)))).toBe(false);
    }
    const st = b.status();
    expect(st.clones).toBe(1);
    expect(st.fortuna.directReseeds).toBe(2);
    expect(a.status().clones).toBe(0);
    a.stop();
    b.stop();
  });

  it('a changed generation counter acts as a clone notification', () => {
    let generation = 7n;
    const rt = new EntropyRuntime(deterministicOs('gen'), { aes: jsAes256Ctr, log: () => {} });
    rt.initialize({ generation: () => generation });
    rt.generator.generate(8);
    expect(rt.status().clones).toBe(0);
    generation = 8n;
    rt.generator.generate(8);
    expect(rt.status().clones).toBe(1);
    rt.generator.generate(8);
    expect(rt.status().clones).toBe(1);
    expect(() => rt.initialize({ generation: 5 as never })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    rt.stop();
  });
});

describe('lifecycle', () => {
  it('construction draws nothing and registers nothing; stop() unregisters everything', async () => {
    let active = 0;
    let cycles = 0;
    const base = fallbackOs;
    const counting: Os = {
      ...base,
      cpu: {
        cycles: () => {
          cycles++;
          return base.cpu.cycles();
        },
      },
      main: {
        atEnterIter: (hook) => {
          const off = base.main.atEnterIter(hook);
          active++;
          let done = false;
          return () => {
            if (!done) active--;
            done = true;
            off();
          };
        },
        atExitIter: (hook) => base.main.atExitIter(hook),
      },
    };
    const rt = new EntropyRuntime(counting, { log: () => {} });
    rt.status();
    await iterations(3);
    expect(cycles).toBe(0);
    expect(active).toBe(0);
    rt.initialize();
    expect(active).toBe(2); // loop timer + upkeep
    await iterations(HOOK_UPKEEP_EVERY * 2);
    rt.stop();
    expect(active).toBe(0);
    const after = cycles;
    await iterations(10);
    expect(cycles).toBe(after);
    expect(rt.initialized).toBe(false);
    // Next use starts over.
    expect(rt.generator.generate(4)).toHaveLength(4);
    expect(rt.initialized).toBe(true);
    rt.stop();
  });

  it('argument errors come before any seeding', () => {
    const rt = new EntropyRuntime(fallbackOs, { log: () => {} });
    expect(() => rt.generator.fill('x' as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => rt.generator.reseed(5 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(rt.initialized).toBe(false);
  });
});

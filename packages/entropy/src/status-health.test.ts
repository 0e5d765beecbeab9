/**
 * Issue 10 point 5 (entropy side): a source's `health` reflects its failures and what it
 * contributed, and `healthy` is exactly `health === 'healthy'` — before first use too.
 */
import type { CpuRngResult, Os } from '@shimkit/os-shim/contract';
import { os as nativeOs } from '@shimkit/os-unix';
import { describe, expect, it } from 'vitest';
import { EntropyRuntime } from './runtime.js';
import type { SourceStatus } from './sources/source-status.js';
import { deterministicOs } from './test-support.js';

const byName = (sources: readonly SourceStatus[]) => Object.fromEntries(sources.map((s) => [s.name, s]));

function consistent(sources: readonly SourceStatus[]): void {
  for (const s of sources) expect(s.healthy, `${s.name}: healthy vs health ${s.health}`).toBe(s.health === 'healthy');
}

describe('status() health', () => {
  it('before first use: every source is idle or unavailable, never "healthy: false, health: healthy"', () => {
    for (const o of [nativeOs, deterministicOs('idle')]) {
      const rt = new EntropyRuntime(o, { log: () => {} });
      const st = rt.status();
      consistent(st.sources);
      for (const s of st.sources) expect(['idle', 'unavailable']).toContain(s.health);
      expect(st.initialized).toBe(false);
      expect(st.seedEntropyBits).toBe(0);
    }
  });

  it('a CPU RNG returning all-ones: failing after 33 failures and 0 bytes fed, never "healthy"', () => {
    const allOnes = (): CpuRngResult => ({ ok: false, reason: 'all-ones' });
    const rt = new EntropyRuntime(deterministicOs('ones', { cpu: { rdrand: allOnes, rdseed: allOnes } }), { log: () => {} });
    const st = rt.initialize();
    const s = byName(st.sources);
    expect(s['cpu-rng']).toMatchObject({ available: true, healthy: false, health: 'failing', bytesFed: 0 });
    expect(s['cpu-rng']!.failures).toBe(33); // one at bootstrap (RDRAND) + 32 at the first feeding
    expect(s['bootstrap']).toMatchObject({ healthy: true, health: 'healthy', detail: 'seeded by whirlwind' });
    consistent(st.sources);
    rt.stop();
  });

  it('a host glue that hands back all-ones as a signed -1n: counted as the all-ones failure, never fed', () => {
    const signed = (): CpuRngResult => ({ ok: true, value: -1n });
    const rt = new EntropyRuntime(deterministicOs('signed', { cpu: { rdrand: signed, rdseed: signed } }), { log: () => {} });
    const st = rt.initialize();
    expect(st.bootstrap).toEqual({ method: 'whirlwind', failed: ['rdseed', 'rdrand'] });
    expect(byName(st.sources)['cpu-rng']).toMatchObject({ health: 'failing', healthy: false, bytesFed: 0, failures: 33 });
    rt.stop();
  });

  it('OS random failing once with 0 bytes: failing, not healthy', () => {
    const broken: Os['random'] = {
      fill() {
        throw new Error('getrandom: ENOSYS');
      },
    };
    const rt = new EntropyRuntime(deterministicOs('osfail', { random: broken }), { log: () => {} });
    const st = rt.initialize();
    expect(byName(st.sources)['os-random']).toMatchObject({ available: true, healthy: false, health: 'failing', failures: 1, bytesFed: 0 });
    expect(st.seededFrom).toEqual(['whirlwind']);
    consistent(st.sources);
    rt.stop();
  });

  it('working sources are healthy once they contributed; after stop() they are idle again', () => {
    const rt = new EntropyRuntime(deterministicOs('ok'), { log: () => {} });
    const st = rt.initialize();
    const s = byName(st.sources);
    expect(s['os-random']).toMatchObject({ healthy: true, health: 'healthy', bytesFed: 32, failures: 0 });
    expect(s['bootstrap']).toMatchObject({ healthy: true, health: 'healthy' });
    expect(s['loop-timer']).toMatchObject({ healthy: false, health: 'startup' });
    expect(s['cpu-rng']).toMatchObject({ available: false, health: 'unavailable', healthy: false });
    expect(st.seedEntropyBits).toBe(512 + 256);
    consistent(st.sources);
    rt.stop();
    const after = byName(rt.status().sources);
    expect(after['os-random']!.health).toBe('idle');
    expect(after['loop-timer']!.health).toBe('idle');
    consistent(rt.status().sources);
  });
});

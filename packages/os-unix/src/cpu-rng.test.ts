import { CPU_RNG_POLICY, type Cpuid } from '@shimkit/os-shim/cpu-rng';
import type { CpuRngResult } from '@shimkit/os-shim/contract';
import { describe, expect, it } from 'vitest';
import { loadAddon } from './addon.js';
import { os, status } from './index.js';
import { createNativeCpuRng, type CpuRngBinding } from './native/cpu.js';

const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

/** CPUID leaves 0 and 1 of an Intel family-6 part and of an AMD family-16h / 17h part. */
const INTEL_6: Cpuid = (leaf) => (leaf === 0 ? [0x16, 0x756e6547, 0x6c65746e, 0x49656e69] : leaf === 1 ? [0x600, 0, 1 << 30, 0] : [0, 0, 0, 0]);
const amd = (eax1: number): Cpuid => (leaf) =>
  leaf === 0 ? [0x10, 0x68747541, 0x444d4163, 0x69746e65] : leaf === 1 ? [eax1, 0, 1 << 30, 0] : [0, 0, 0, 0];
const AMD_16H = amd(0x00700f00);
const AMD_17H = amd(0x00800f00);

describe.runIf(expectNative)('the CPU-RNG policy on the native path', () => {
  const binding = loadAddon().binding!;

  /** The real addon, with its draws and CPUID replaced (failure injection). */
  function injected(parts: { rdrand?: () => bigint | null; rdseed?: () => bigint | null; cpuid?: Cpuid }): CpuRngBinding & { configured: number[][] } {
    const configured: number[][] = [];
    return {
      configured,
      features: () => ({ ...binding.features(), rdrandCpuid: parts.rdrand !== undefined, rdseedCpuid: parts.rdseed !== undefined }),
      cpuid: (leaf, sub) => [...(parts.cpuid ?? INTEL_6)(leaf, sub)] as [number, number, number, number],
      configureCpuRng: (a, b) => void configured.push([a, b]),
      rdrand: parts.rdrand ?? (() => null),
      rdseed: parts.rdseed ?? (() => null),
    };
  }

  it("rule 1: the addon's draws use the policy's retry counts, handed in at load", () => {
    expect(binding.cpuRngConfig()).toEqual({ rdrandRetries: CPU_RNG_POLICY.rdrandRetries, rdseedRetries: CPU_RNG_POLICY.rdseedRetries });
    const b = injected({ rdrand: counter() });
    createNativeCpuRng(b);
    expect(b.configured).toEqual([[10, 100]]);
    // A draw the addon reports as carry-never-set (null) is no-carry.
    let n = 0n;
    const dry = createNativeCpuRng(injected({ rdrand: () => (++n <= 8n ? n : null) }));
    expect(dry.rdrand!()).toEqual({ ok: false, reason: 'no-carry' });
  });

  it('rule 2: all-ones from the addon, unsigned or signed, is a failure', () => {
    for (const allOnes of [(1n << 64n) - 1n, -1n]) {
      let n = 0n;
      const rng = createNativeCpuRng(injected({ rdrand: () => (++n <= 8n ? n : allOnes) }));
      expect(rng.rdrand!()).toEqual<CpuRngResult>({ ok: false, reason: 'all-ones' });
      const stuck = createNativeCpuRng(injected({ rdrand: () => allOnes }));
      expect([stuck.rdrand, stuck.rdrandSelfTest]).toEqual([undefined, 'all-ones']);
    }
  });

  it("rule 3: Linux's self-test (8 draws, ≥ 5 changes); a failed RDRAND disables RDSEED", () => {
    const four = [1n, 1n, 1n, 1n, 2n, 3n, 4n, 5n];
    const r = createNativeCpuRng(injected({ rdrand: () => four.shift() ?? 9n, rdseed: counter() }));
    expect([r.rdrandSelfTest, r.rdseedSelfTest, r.rdrand, r.rdseed]).toEqual(['too-few-changes', 'rdrand-failed', undefined, undefined]);
    const five = [1n, 1n, 1n, 2n, 3n, 4n, 5n, 6n];
    expect(createNativeCpuRng(injected({ rdrand: () => five.shift() ?? 9n })).rdrandSelfTest).toBe('pass');
  });

  it('rule 4: AMD families before 17h are excluded, 17h and later kept', () => {
    let draws = 0;
    const draw = (): bigint => BigInt(++draws);
    const old = createNativeCpuRng(injected({ rdrand: draw, rdseed: draw, cpuid: AMD_16H }));
    expect([old.rdrandSelfTest, old.rdseedSelfTest, draws]).toEqual(['amd-family-before-17h', 'amd-family-before-17h', 0]);
    const zen = createNativeCpuRng(injected({ rdrand: draw, rdseed: draw, cpuid: AMD_17H }));
    expect([zen.rdrandSelfTest, zen.rdseedSelfTest]).toEqual(['pass', 'pass']);
  });

  it('status() reports the same verdicts os.cpu was built with, and the real CPU passes or says why', () => {
    const s = status();
    for (const op of ['rdrand', 'rdseed'] as const) {
      expect(s[op].available).toBe(os.cpu[op] !== undefined);
      expect(s[op].available).toBe(s[op].selfTest === 'pass');
      if (!binding.features()[`${op}Cpuid`]) expect(s[op].selfTest).toBe('not-advertised');
    }
  });
});

function counter(): () => bigint {
  let n = 0n;
  return () => ++n;
}

// Basic sanity of the hardware generators (not a statistical test suite: the entropy package
// runs the SP 800-90B health tests on what it consumes).
describe.runIf(expectNative)('RDRAND / RDSEED sanity on this CPU', () => {
  for (const op of ['rdrand', 'rdseed'] as const) {
    it(`${op}: 10 000 draws, no repeats, every bit position balanced`, (ctx) => {
      const draw = os.cpu[op];
      if (!draw) {
        expect(status()[op].available).toBe(false);
        return ctx.skip();
      }
      const values = new Set<bigint>();
      const ones = new Array<number>(64).fill(0);
      let failures = 0;
      while (values.size < 10_000) {
        const r: CpuRngResult = draw();
        if (!r.ok) {
          if (++failures > 1000) expect.fail(`${op} failed ${failures} times (${r.reason})`);
          continue;
        }
        if (values.has(r.value)) expect.fail(`${op} repeated ${r.value}`);
        values.add(r.value);
        for (let bit = 0; bit < 64; bit++) if ((r.value >> BigInt(bit)) & 1n) ones[bit]!++;
      }
      // Per position: Binomial(10 000, 1/2), sd 50; 6 sd = ±300. Overall: 640 000 bits, sd 400.
      for (const count of ones) expect(Math.abs(count - 5000)).toBeLessThan(300);
      const total = ones.reduce((a, b) => a + b, 0);
      expect(Math.abs(total - 320_000)).toBeLessThan(2400);
    });
  }
});

describe.runIf(!expectNative)('the CPU RNG on the fallback path', () => {
  it('is unreachable without the addon, and says so', () => {
    expect(os.cpu.rdrand).toBeUndefined();
    expect(status().rdrand).toEqual({ available: false, selfTest: 'unreachable' });
    expect(status().rdseed).toEqual({ available: false, selfTest: 'unreachable' });
  });
});

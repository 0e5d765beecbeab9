import { describe, expect, it } from 'vitest';
import {
  CPU_RNG_ALL_ONES,
  CPU_RNG_POLICY,
  checkCpuRng,
  type Cpuid,
  decodeCpuRngValue,
  drawWithRetries,
  isExcludedAmd,
  runCpuRngSelfTest,
  x86Family,
  x86Vendor,
} from './cpu-rng.js';
import type { CpuRngResult } from './contract.js';

/** CPUID leaves 0 and 1 of a processor with `vendor` and leaf-1 EAX `eax1`. */
function fakeCpuid(vendor: 'AuthenticAMD' | 'GenuineIntel', eax1: number): Cpuid {
  const word = (s: string) => s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16) | ((s.charCodeAt(3) << 24) >>> 0);
  const ebx = word(vendor.slice(0, 4)) >>> 0;
  const edx = word(vendor.slice(4, 8)) >>> 0;
  const ecx = word(vendor.slice(8, 12)) >>> 0;
  return (leaf) => (leaf === 0 ? [0x10, ebx, ecx, edx] : leaf === 1 ? [eax1, 0, 1 << 30, 0] : [0, 0, 0, 0]);
}

/** Leaf-1 EAX for a display family (base 0xF plus extended above 0xF). */
const familyEax = (family: number): number => (family < 0xf ? family << 8 : (0xf << 8) | ((family - 0xf) << 20));

function counting(values: (bigint | null)[]) {
  let calls = 0;
  return { step: () => (calls < values.length ? values[calls++]! : (calls++, null)), calls: () => calls };
}

describe('rule 1: retries', () => {
  it('RDRAND 10 tries, RDSEED 100 (Intel DRNG guide §5.2.1 / §5.3.1), no-carry after them', () => {
    expect(CPU_RNG_POLICY).toEqual({ rdrandRetries: 10, rdseedRetries: 100, selfTestSamples: 8, selfTestMinChanges: 5, amdFirstFamily: 0x17 });
    const ok = counting([...Array<null>(9).fill(null), 42n]);
    expect(drawWithRetries(ok.step, CPU_RNG_POLICY.rdrandRetries)).toEqual({ ok: true, value: 42n });
    expect(ok.calls()).toBe(10);
    const dry = counting([]);
    expect(drawWithRetries(dry.step, CPU_RNG_POLICY.rdrandRetries)).toEqual({ ok: false, reason: 'no-carry' });
    expect(dry.calls()).toBe(10);
    const seed = counting([...Array<null>(99).fill(null), 7n]);
    expect(drawWithRetries(seed.step, CPU_RNG_POLICY.rdseedRetries)).toEqual({ ok: true, value: 7n });
  });
});

describe('rule 2: the all-ones value', () => {
  it('is a failure, unsigned or as BigInt64 glue gives it (-1n), and ends the draw', () => {
    expect(decodeCpuRngValue(CPU_RNG_ALL_ONES)).toEqual({ ok: false, reason: 'all-ones' });
    expect(decodeCpuRngValue(-1n)).toEqual({ ok: false, reason: 'all-ones' });
    const s = counting([-1n, 5n]);
    expect(drawWithRetries(s.step, 10)).toEqual({ ok: false, reason: 'all-ones' });
    expect(s.calls()).toBe(1);
  });

  it('other signed values are their unsigned bits; values outside 64 bits are refused, not masked', () => {
    expect(decodeCpuRngValue(-2n)).toEqual({ ok: true, value: CPU_RNG_ALL_ONES - 1n });
    expect(decodeCpuRngValue(-(1n << 63n))).toEqual({ ok: true, value: 1n << 63n });
    expect(decodeCpuRngValue(0n)).toEqual({ ok: true, value: 0n });
    for (const bad of [1n << 64n, -(1n << 63n) - 1n, (1n << 70n) + 5n]) {
      expect(() => decodeCpuRngValue(bad)).toThrow(expect.objectContaining({ name: 'ShimkitRangeError', code: 'ERR_OUT_OF_RANGE' }));
    }
  });
});

describe("rule 3: Linux's start-up self-test (arch/x86/kernel/cpu/rdrand.c)", () => {
  const scripted = (values: CpuRngResult[]) => {
    let i = 0;
    return () => values[i++] ?? { ok: true as const, value: BigInt(1000 + i) };
  };
  const v = (value: bigint): CpuRngResult => ({ ok: true, value });

  it('passes with 5 changes among 7 pairs, fails with 4 (MIN_CHANGE = 5)', () => {
    // 1 1 1 2 3 4 5 6: pairs changed = 5.
    expect(runCpuRngSelfTest(scripted([1n, 1n, 1n, 2n, 3n, 4n, 5n, 6n].map(v)))).toBe('pass');
    // 1 1 1 1 2 3 4 5: pairs changed = 4.
    expect(runCpuRngSelfTest(scripted([1n, 1n, 1n, 1n, 2n, 3n, 4n, 5n].map(v)))).toBe('too-few-changes');
    // Alternating values change every time: Linux only compares neighbours.
    expect(runCpuRngSelfTest(scripted([1n, 2n, 1n, 2n, 1n, 2n, 1n, 2n].map(v)))).toBe('pass');
    expect(runCpuRngSelfTest(() => v(7n))).toBe('too-few-changes');
  });

  it('fails on any failed draw among the 8, and draws exactly 8 when it passes', () => {
    expect(runCpuRngSelfTest(scripted([v(1n), v(2n), { ok: false, reason: 'no-carry' }]))).toBe('no-carry');
    expect(runCpuRngSelfTest(scripted([v(1n), { ok: false, reason: 'all-ones' }]))).toBe('all-ones');
    let n = 0;
    expect(runCpuRngSelfTest(() => v(BigInt(++n)))).toBe('pass');
    expect(n).toBe(8);
  });

  it('a failed RDRAND disables RDSEED too, as Linux clears both', () => {
    let seedDraws = 0;
    const verdict = checkCpuRng({
      cpuid: fakeCpuid('GenuineIntel', familyEax(6)),
      rdrand: () => ({ ok: true, value: 3n }),
      rdseed: () => ({ ok: true, value: BigInt(++seedDraws) }),
    });
    expect(verdict).toEqual({ rdrand: 'too-few-changes', rdseed: 'rdrand-failed' });
    expect(seedDraws).toBe(0);
    let n = 0n;
    expect(checkCpuRng({ cpuid: fakeCpuid('GenuineIntel', familyEax(6)), rdseed: () => ({ ok: true, value: ++n }) })).toEqual({
      rdrand: 'not-advertised',
      rdseed: 'pass',
    });
  });
});

describe('rule 4: AMD families before 17h (getrandom src/backends/rdrand.rs, Linux amd.c)', () => {
  it('reads vendor and display family from CPUID as getrandom does', () => {
    expect(x86Vendor(fakeCpuid('AuthenticAMD', 0)(0, 0))).toBe('AuthenticAMD');
    expect(x86Vendor(fakeCpuid('GenuineIntel', 0)(0, 0))).toBe('GenuineIntel');
    expect(x86Family(familyEax(6))).toBe(6);
    expect(x86Family(familyEax(0x15))).toBe(0x15);
    expect(x86Family(familyEax(0x1a))).toBe(0x1a);
    // Extended family only counts when the base family is 0xF.
    expect(x86Family((6 << 8) | (9 << 20))).toBe(6);
  });

  it('excludes AMD 15h and 16h (and older), keeps 17h and later and every Intel family', () => {
    for (const f of [0x10, 0x14, 0x15, 0x16]) expect(isExcludedAmd(fakeCpuid('AuthenticAMD', familyEax(f)))).toBe(true);
    for (const f of [0x17, 0x19, 0x1a]) expect(isExcludedAmd(fakeCpuid('AuthenticAMD', familyEax(f)))).toBe(false);
    for (const f of [6, 0xf]) expect(isExcludedAmd(fakeCpuid('GenuineIntel', familyEax(f)))).toBe(false);
  });

  it('an excluded part has both instructions disabled without executing them', () => {
    let draws = 0;
    const draw = (): CpuRngResult => ({ ok: true, value: BigInt(++draws) });
    expect(checkCpuRng({ cpuid: fakeCpuid('AuthenticAMD', familyEax(0x16)), rdrand: draw, rdseed: draw })).toEqual({
      rdrand: 'amd-family-before-17h',
      rdseed: 'amd-family-before-17h',
    });
    expect(draws).toBe(0);
    expect(checkCpuRng({ cpuid: fakeCpuid('AuthenticAMD', familyEax(0x17)), rdrand: draw })).toEqual({ rdrand: 'pass', rdseed: 'not-advertised' });
  });
});

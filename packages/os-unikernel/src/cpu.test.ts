import { CPU_RNG_POLICY } from '@shimkit/os-shim/cpu-rng';
import { AMD_16H, AMD_17H, INTEL_6 } from '@shimkit/testkit/cpuid';
import { describe, expect, it } from 'vitest';
import { cpuRngStatus, createCpu } from './cpu.js';

// The CPU-RNG policy (@shimkit/os-shim/cpu-rng) over injected host instructions: each rule as a
// unikernel backend applies it.

/** A host instruction that returns `values` in turn, then distinct values; counts its executions. */
function instruction(values: (bigint | null)[] = []) {
  let calls = 0;
  return {
    step: (): bigint | null => (calls < values.length ? values[calls++]! : BigInt(1000 + calls++)),
    calls: () => calls,
  };
}

describe('createCpu: the CPU-RNG policy over the host instructions', () => {
  it('rule 1: a draw executes RDRAND up to 10 times, RDSEED up to 100, then no-carry', () => {
    // Healthy for the 8 self-test draws of each instruction, then dry.
    let rdrandCalls = 0;
    let rdseedCalls = 0;
    const { cpu } = createCpu({
      counter: () => 1n,
      rdrand: () => (++rdrandCalls <= 8 ? BigInt(rdrandCalls) : null),
      rdseed: () => (++rdseedCalls <= 8 ? BigInt(rdseedCalls) : null),
      cpuid: INTEL_6,
    });
    expect([rdrandCalls, rdseedCalls]).toEqual([8, 8]);
    expect(cpu.rdrand!()).toEqual({ ok: false, reason: 'no-carry' });
    expect(rdrandCalls - 8).toBe(CPU_RNG_POLICY.rdrandRetries);
    expect(cpu.rdseed!()).toEqual({ ok: false, reason: 'no-carry' });
    expect(rdseedCalls - 8).toBe(CPU_RNG_POLICY.rdseedRetries);
    // A carry on the last allowed try is a value.
    let late = 0;
    const lateCpu = createCpu({ counter: () => 1n, rdrand: () => (++late <= 8 || late % 10 === 8 ? BigInt(late) : null), cpuid: INTEL_6 });
    expect(lateCpu.cpu.rdrand!()).toEqual({ ok: true, value: 18n });
  });

  it('rule 2: all-ones is a failure — unsigned, and as the signed -1n of BigInt64 glue', () => {
    for (const allOnes of [(1n << 64n) - 1n, -1n]) {
      let n = 0n;
      let broken = false;
      const { cpu } = createCpu({ counter: () => 1n, rdrand: () => (broken ? allOnes : ++n), cpuid: INTEL_6 });
      broken = true;
      expect(cpu.rdrand!()).toEqual({ ok: false, reason: 'all-ones' });
      // At start-up it fails the self-test and the instruction is not offered at all.
      const parts = createCpu({ counter: () => 1n, rdrand: () => allOnes, cpuid: INTEL_6 });
      expect(parts.cpu.rdrand).toBeUndefined();
      expect(cpuRngStatus(parts).rdrand).toEqual({ available: false, selfTest: 'all-ones' });
    }
    // A signed register that is not -1n is the same bits, unsigned.
    let i = 0;
    const { cpu } = createCpu({ counter: () => 1n, rdrand: () => (i++ < 8 ? BigInt(i) : -2n), cpuid: INTEL_6 });
    expect(cpu.rdrand!()).toEqual({ ok: true, value: (1n << 64n) - 2n });
  });

  it("rule 3: Linux's self-test — 8 draws, at least 5 changes; a failed RDRAND disables RDSEED", () => {
    const stuck = createCpu({ counter: () => 1n, rdrand: () => 9n, rdseed: instruction().step, cpuid: INTEL_6 });
    expect(cpuRngStatus(stuck)).toEqual({
      rdrand: { available: false, selfTest: 'too-few-changes' },
      rdseed: { available: false, selfTest: 'rdrand-failed' },
    });
    // 1 1 1 1 2 3 4 5: four changes — refused; 1 1 1 2 3 4 5 6: five — accepted.
    const four = instruction([1n, 1n, 1n, 1n, 2n, 3n, 4n, 5n]);
    expect(createCpu({ counter: () => 1n, rdrand: four.step, cpuid: INTEL_6 }).rdrandSelfTest).toBe('too-few-changes');
    const five = instruction([1n, 1n, 1n, 2n, 3n, 4n, 5n, 6n]);
    expect(createCpu({ counter: () => 1n, rdrand: five.step, cpuid: INTEL_6 }).rdrandSelfTest).toBe('pass');
    expect(five.calls()).toBe(8);
    const carryLost = instruction([1n, 2n, ...Array<null>(10).fill(null)]);
    expect(createCpu({ counter: () => 1n, rdrand: carryLost.step, cpuid: INTEL_6 }).rdrandSelfTest).toBe('no-carry');
  });

  it('rule 4: AMD families before 17h are excluded without executing the instructions', () => {
    const r = instruction();
    const s = instruction();
    const old = createCpu({ counter: () => 1n, rdrand: r.step, rdseed: s.step, cpuid: AMD_16H });
    expect(cpuRngStatus(old)).toEqual({
      rdrand: { available: false, selfTest: 'amd-family-before-17h' },
      rdseed: { available: false, selfTest: 'amd-family-before-17h' },
    });
    expect(r.calls() + s.calls()).toBe(0);
    const zen = createCpu({ counter: () => 1n, rdrand: instruction().step, rdseed: instruction().step, cpuid: AMD_17H });
    expect(cpuRngStatus(zen)).toEqual({ rdrand: { available: true, selfTest: 'pass' }, rdseed: { available: true, selfTest: 'pass' } });
  });

  it('cycles() is the low 32 bits of the 64-bit counter; no instructions, not advertised', () => {
    let tsc = 0x1234_5678_9abc_def0n;
    const parts = createCpu({ counter: () => (tsc += 1000n) });
    expect(parts.cpu.cycles()).toBe(0x9abc_e2d8);
    expect(parts.cpu.cycles()).toBe(0x9abc_e6c0);
    expect(cpuRngStatus(parts)).toEqual({
      rdrand: { available: false, selfTest: 'not-advertised' },
      rdseed: { available: false, selfTest: 'not-advertised' },
    });
  });
});

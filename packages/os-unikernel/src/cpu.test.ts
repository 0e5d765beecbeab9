import { describe, expect, it } from 'vitest';
import { cpuRngStatus, createCpu, drawWithRetries, RDRAND_RETRIES, RDSEED_RETRIES, selfTest } from './cpu.js';

const ALL_ONES = (1n << 64n) - 1n;

function script(values: (bigint | null)[]): { next: () => bigint | null; calls: () => number } {
  let calls = 0;
  return { next: () => values[calls++] ?? null, calls: () => calls };
}

describe('drawWithRetries', () => {
  it('retries a clear carry flag up to the limit', () => {
    const s = script([...Array<null>(RDRAND_RETRIES - 1).fill(null), 5n]);
    expect(drawWithRetries(s.next, RDRAND_RETRIES)).toEqual({ ok: true, value: 5n });
    const t = script([]);
    expect(drawWithRetries(t.next, RDRAND_RETRIES)).toEqual({ ok: false, reason: 'no-carry' });
    expect(t.calls()).toBe(RDRAND_RETRIES);
    expect(RDSEED_RETRIES).toBe(100);
  });

  it('reports all-ones as a failure, never as a value', () => {
    expect(drawWithRetries(() => ALL_ONES, RDRAND_RETRIES)).toEqual({ ok: false, reason: 'all-ones' });
  });
});

describe('self-test and cycles', () => {
  it('drops an instruction that is stuck or never succeeds', () => {
    expect(selfTest(undefined)).toBe('absent');
    expect(selfTest(() => ({ ok: true, value: 7n }))).toBe('stuck value');
    expect(selfTest(() => ({ ok: false, reason: 'no-carry' }))).toBe('no value in 3 draws');
    const stuck = createCpu(() => 1n, () => 9n, undefined);
    expect(stuck.cpu.rdrand).toBeUndefined();
    expect(stuck.rdrandSelfTest).toBe('stuck value');
    expect(stuck.rdseedSelfTest).toBe('absent');
  });

  it('cycles() is the low 32 bits of the 64-bit counter', () => {
    let tsc = 0x1234_5678_9abc_def0n;
    const { cpu } = createCpu(() => (tsc += 1000n), undefined, undefined);
    expect(cpu.cycles()).toBe(0x9abc_e2d8);
    expect(cpu.cycles()).toBe(0x9abc_e6c0);
  });
});

describe('cpuRngStatus', () => {
  it('says which instructions Cpu offers and why the others are not', () => {
    let n = 0n;
    const parts = createCpu(() => 1n, () => ++n, undefined);
    expect(cpuRngStatus(parts)).toEqual({
      rdrand: { available: true, selfTest: 'pass' },
      rdseed: { available: false, selfTest: 'absent' },
    });
  });
});

import type { CpuRngResult } from '@shimkit/os-shim/contract';
import { describe, expect, it } from 'vitest';
import { os, status } from './index.js';
import { expectNative } from './test-path.js';

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

  it('status reports the CPUID bits and a passing self-test', () => {
    const s = status();
    if (s.rdrand.available) expect(s.rdrand.selfTest).toBe('pass');
    else expect(s.rdrand.selfTest).not.toBe('pass');
  });
});

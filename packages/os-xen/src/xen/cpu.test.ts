import { AMD_16H, AMD_17H, INTEL_6 } from '@shimkit/testkit/cpuid';
import { describe, expect, it } from 'vitest';
import { bindHost } from '../bind.js';
import { XenHostSimulator } from '@shimkit/testkit/xen';
import { createXenBackend } from './os.js';

// The CPU-RNG policy (@shimkit/os-shim/cpu-rng) on the xen backend, with injected host instructions.
describe('xen: RDRAND / RDSEED under the CPU-RNG policy', () => {
  const sim = new XenHostSimulator({ cpuRng: false });
  let n = 0n;
  const healthy = (): bigint => ++n;

  it('rule 1 and 2: 10 tries per RDRAND draw; all-ones (also as BigInt64 -1n) is a failure', () => {
    for (const allOnes of [(1n << 64n) - 1n, -1n]) {
      let calls = 0;
      let mode: 'ok' | 'dry' | 'ones' = 'ok';
      const rdrand = (): bigint | null => (calls++, mode === 'ok' ? ++n : mode === 'dry' ? null : allOnes);
      const { os, status } = createXenBackend({ ...sim.host, rdrand, cpuid: INTEL_6 });
      expect(status().rdrand).toEqual({ available: true, selfTest: 'pass' });
      mode = 'dry';
      const before = calls;
      expect(os.cpu.rdrand!()).toEqual({ ok: false, reason: 'no-carry' });
      expect(calls - before).toBe(10);
      mode = 'ones';
      expect(os.cpu.rdrand!()).toEqual({ ok: false, reason: 'all-ones' });
    }
  });

  it("rule 3: Linux's self-test refuses a stuck RDRAND, and RDSEED with it", () => {
    const { os, status } = createXenBackend({ ...sim.host, rdrand: () => 5n, rdseed: healthy, cpuid: INTEL_6 });
    expect(os.cpu.rdrand).toBeUndefined();
    expect(os.cpu.rdseed).toBeUndefined();
    expect(status()).toMatchObject({
      rdrand: { available: false, selfTest: 'too-few-changes' },
      rdseed: { available: false, selfTest: 'rdrand-failed' },
    });
  });

  it('rule 4: AMD before 17h is excluded; 17h is used', () => {
    expect(createXenBackend({ ...sim.host, rdrand: healthy, rdseed: healthy, cpuid: AMD_16H }).status()).toMatchObject({
      rdrand: { available: false, selfTest: 'amd-family-before-17h' },
      rdseed: { available: false, selfTest: 'amd-family-before-17h' },
    });
    expect(createXenBackend({ ...sim.host, rdrand: healthy, rdseed: healthy, cpuid: AMD_17H }).status()).toMatchObject({
      rdrand: { available: true, selfTest: 'pass' },
      rdseed: { available: true, selfTest: 'pass' },
    });
  });

  it('a host that offers RDRAND must offer CPUID (ERR_HOST_ABI)', () => {
    expect(() => bindHost({ ...sim.host, rdrand: healthy })).toThrow(
      expect.objectContaining({ code: 'ERR_HOST_ABI', message: expect.stringContaining('host.cpuid must be a function') }),
    );
  });
});

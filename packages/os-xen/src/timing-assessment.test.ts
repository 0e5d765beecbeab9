// Issue 10, point 4, on Xen: with the host's RDRAND/RDSEED withheld (a Xen guest on a CPU without
// them) the entropy runtime seeds from Whirlwind timing alone, and the start-up assessment of the
// timing sources (SP 800-90B predictor estimates, @shimkit/entropy's `startup-assessment.ts`)
// must still credit the simulator's real-clock TSC: the bootstrap and the loop timer pass with an
// estimate at or above their claims (0.5 and 1 bit per sample). The deterministic counters that
// must be refused are tested in @shimkit/entropy (`src/timing-assessment.test.ts`).
//
// The simulator is the test-side one of @shimkit/testkit.
import { EntropyRuntime } from '@shimkit/entropy';
import { expect, it } from 'vitest';
import { bindHost, iterate, os } from './index.js';
import { XenHostSimulator } from '@shimkit/testkit/xen';

const sim = new XenHostSimulator({ cmdLine: 'timing-assessment', cpuRng: false });
bindHost(sim.host);

it('the real-clock TSC passes the start-up assessment: Whirlwind seeds, the loop timer is credited', async () => {
  expect(os.cpu.rdrand).toBeUndefined();
  const rt = new EntropyRuntime(os, { log: () => {} });
  const st = rt.initialize();
  expect(st).toMatchObject({ backend: 'xen', seededFrom: ['whirlwind'], timingOnly: true });
  const boot = st.sources.find((s) => s.name === 'bootstrap')!;
  expect(boot).toMatchObject({ healthy: true, health: 'healthy', failures: 0, assessment: { claimedEntropy: 0.5, passed: true } });
  expect(boot.assessment!.minEntropy).toBeGreaterThanOrEqual(0.5);
  // The guest's main loop, one iteration per Node macrotask; the loop timer samples the TSC in it.
  for (let i = 0; i < 1024 + 256; i++) {
    iterate();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const loop = rt.status().sources.find((s) => s.name === 'loop-timer')!;
  expect(loop).toMatchObject({ health: 'healthy', detail: 'atEnterIter hook', assessment: { claimedEntropy: 1, passed: true } });
  expect(loop.assessment!.minEntropy).toBeGreaterThanOrEqual(1);
  expect(loop.bytesFed).toBeGreaterThan(0);
  expect(rt.generator.generate(32)).toHaveLength(32);
  rt.stop();
});

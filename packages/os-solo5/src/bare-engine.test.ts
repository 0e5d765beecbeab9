// The proof of the issue: the Solo5 bundle (entropy + this backend, linked by the rollup alias)
// runs in QuickJS-in-WebAssembly with nothing but ECMAScript built-ins and the Solo5 host ABI,
// seeds the default generator from RDSEED/RDRAND and timing, prints through
// solo5_console_write and exits through solo5_exit. The bundle is built by the test.
import { fileURLToPath } from 'node:url';
import { bundleBareProgram } from '@shimkit/testkit/bare-bundle';
import { describeBareBundle } from '@shimkit/testkit/bare-suite';
import { describe, expect, it } from 'vitest';
import { runSolo5Bundle } from '@shimkit/testkit/solo5/bare-engine';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';

// Built at test time from the workspace's packages (nothing of it ships): see @shimkit/testkit/bare-bundle.
const bundle = await bundleBareProgram('solo5', fileURLToPath(new URL('..', import.meta.url)));
const sim = new Solo5HostSimulator({ cmdline: 'bare --seed-from=cpu' });

// The audit, the run and what every unikernel bundle must print (see the suite's doc comment).
const bare = describeBareBundle({
  backend: 'solo5',
  bundle,
  sim,
  run: () => runSolo5Bundle(sim, bundle, { timeoutMs: 60_000 }),
  argv: ['bare', '--seed-from=cpu'],
  cycleCounterCall: 'cpu_cycles',
});

describe('in a bare engine, over the Solo5 ABI', () => {
  it('sleeps in one real solo5_yield that blocked until the sleeper\'s deadline', () => {
    const blocking = sim.yields.filter((y) => y.deadline > 0n);
    expect(blocking.length).toBeGreaterThanOrEqual(1);
    for (const y of blocking) {
      expect(y.blockedNs > 0n).toBe(true);
      expect(y.returnedAt >= y.deadline).toBe(true);
    }
    expect(bare.result().calls.solo5_yield).toBe(sim.yields.length);
  });

  it('exits through solo5_exit(0)', () => {
    expect(sim.exitStatus).toBe(0);
    expect(bare.result().calls.solo5_exit).toBe(1);
  });
});

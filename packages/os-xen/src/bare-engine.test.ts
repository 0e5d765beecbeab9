// The proof of the issue: the Xen bundle (entropy + this backend, linked by the rollup alias)
// runs in QuickJS-in-WebAssembly with nothing but ECMAScript built-ins and the Xen host ABI,
// seeds the default generator from RDSEED/RDRAND and timing, prints through CONSOLEIO_write and
// shuts down through SCHEDOP_shutdown. The bundle is built by the test.
import { fileURLToPath } from 'node:url';
import { bundleBareProgram } from '@shimkit/testkit/bare-bundle';
import { describeBareBundle } from '@shimkit/testkit/bare-suite';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHUTDOWN_POWEROFF } from './host.js';
import { type BareRunResult, runXenBundle } from '@shimkit/testkit/xen/bare-engine';
import { XenHostSimulator } from '@shimkit/testkit/xen';

// Built at test time from the workspace's packages (nothing of it ships): see @shimkit/testkit/bare-bundle.
const bundle = await bundleBareProgram('xen', fileURLToPath(new URL('..', import.meta.url)));
const sim = new XenHostSimulator({ cmdLine: 'bare --seed-from=cpu' });

// The audit, the run and what every unikernel bundle must print (see the suite's doc comment).
const bare = describeBareBundle({
  backend: 'xen',
  bundle,
  sim,
  run: () => runXenBundle(sim, bundle, { timeoutMs: 60_000 }),
  argv: ['bare', '--seed-from=cpu'],
  cycleCounterCall: 'rdtsc',
});

describe('in a bare engine, over the Xen ABI', () => {
  const { line } = bare;

  it('sleeps on the hypervisor timer: set_timer_op and a real SCHEDOP_block', () => {
    const run = bare.result();
    expect(run.calls.set_timer_op).toBeGreaterThanOrEqual(1);
    expect(run.calls.sched_op_block).toBeGreaterThanOrEqual(1);
    expect(sim.blocks.length).toBe(run.calls.sched_op_block);
  });

  it('read time through the pvclock seqlock and the wall clock from wc_*', () => {
    const [json] = line('bare: backend-status=');
    const s = JSON.parse(json!) as { backend: string; tscStable: boolean; loop: { blocks: number } };
    expect(s.backend).toBe('xen');
    expect(s.tscStable).toBe(true);
    expect(s.loop.blocks).toBe(sim.blocks.length);
  });

  it('exits through SCHEDOP_shutdown(poweroff)', () => {
    expect(sim.shutdownReason).toBe(SHUTDOWN_POWEROFF);
    expect(bare.result().calls.sched_op_shutdown).toBe(1);
  });
});

describe('in a bare engine, with Xen updating vcpu_time_info in the middle of guest reads', () => {
  // Every 3rd RDTSC starts an update (odd version, new tsc_timestamp) that the next one finishes.
  const sim = new XenHostSimulator({ tearEvery: 3 });
  let run: BareRunResult;
  beforeAll(async () => {
    run = await runXenBundle(sim, bundle, { timeoutMs: 60_000 });
  });

  it('retries the torn reads and still gets sane time and a full run', () => {
    expect(run.engineError, sim.consoleText()).toBeNull();
    const text = sim.consoleText();
    const slept = BigInt(/bare: slept-ns=(\d+)/.exec(text)![1]!);
    expect(slept >= 50_000_000n && slept < 5_000_000_000n).toBe(true);
    const wall = BigInt(/wall-ns=(\d+)/.exec(text)![1]!);
    expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(120_000);
    const backend = JSON.parse(/bare: backend-status=(.*)/.exec(text)![1]!) as { pvclockRetries: number };
    expect(backend.pvclockRetries).toBeGreaterThan(0);
    expect(sim.shutdownReason).toBe(SHUTDOWN_POWEROFF);
  });
});

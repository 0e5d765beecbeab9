// The os-shim conformance suite against the Solo5 backend, bound to a tender on real clocks,
// driven by Node's event loop (one `iterate()` per macrotask; each `nextIteration` marks a
// handle ready, as a device would): see `@shimkit/testkit/unikernel-conformance`.
import { describeUnikernelConformance } from '@shimkit/testkit/unikernel-conformance';
import { expect, it } from 'vitest';
import { bindHost, iterate, os, status } from './index.js';
import { Solo5HostSimulator } from '@shimkit/testkit/solo5';

const sim = new Solo5HostSimulator({ cmdline: 'conformance' });
bindHost(sim.host);

describeUnikernelConformance({
  backend: 'solo5',
  os,
  iterate,
  status,
  hostHasRdrand: sim.host.rdrand !== undefined,
  argv: ['conformance'],
  expectOnClone: false,
  wake: () => sim.signal(0),
});

it('ran the loop over solo5_yield', () => {
  const s = status();
  expect(s.loop.iterations).toBeGreaterThan(100);
  expect(sim.yields.length).toBe(s.loop.iterations);
  expect(s.readyHandles).toBeGreaterThan(0);
});

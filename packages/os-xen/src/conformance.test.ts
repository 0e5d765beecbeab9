// The os-shim conformance suite against the Xen backend, bound to an ABI-faithful host
// simulator, driven by Node's event loop (one `iterate()` per macrotask): see
// `@shimkit/testkit/unikernel-conformance`.
import { describeUnikernelConformance } from '@shimkit/testkit/unikernel-conformance';
import { expect, it } from 'vitest';
import { bindHost, iterate, os, status } from './index.js';
import { XenHostSimulator } from '@shimkit/testkit/xen';

const sim = new XenHostSimulator({ cmdLine: 'conformance', suspend: true });
bindHost(sim.host);

describeUnikernelConformance({
  backend: 'xen',
  os,
  iterate,
  status,
  hostHasRdrand: sim.host.rdrand !== undefined,
  argv: ['conformance'],
  expectOnClone: true,
  triggerClone: () => sim.requestShutdown('suspend'),
});

it('ran the loop by blocking on the host, and read time from a stable pvclock', () => {
  const s = status();
  expect(s.loop.iterations).toBeGreaterThan(100);
  expect(s.loop.blocks).toBeGreaterThan(0);
  expect(sim.blocks.length).toBe(s.loop.blocks);
  expect(s.tscStable).toBe(true);
});

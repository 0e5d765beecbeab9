// The os-shim conformance suite against the Xen backend, bound to an ABI-faithful host
// simulator. Node's event loop drives the guest loop here: one `iterate()` per macrotask (an
// embedding whose loop knows when the job queue is empty does exactly that), and
// `nextIteration` waits for the end of the next one.
import { describeConformance } from '@shimkit/os-shim/conformance';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bindHost, iterate, os, status } from './index.js';
import { XenHostSimulator } from './testing/index.js';

const sim = new XenHostSimulator({ cmdLine: 'conformance' });
bindHost(sim.host);

let pumping = false;
const pump = (): void => {
  if (!pumping) return;
  iterate();
  setImmediate(pump);
};
beforeAll(() => {
  pumping = true;
  setImmediate(pump);
});
afterAll(() => {
  pumping = false;
});

it('is the xen backend, with the host CPU RNG when the host has one', () => {
  expect(os.name).toBe('xen');
  const s = status();
  expect(s.osRandom).toBe('none');
  expect(s.rdrand.available).toBe(sim.host.rdrand !== undefined);
  expect(os.env.argv()).toEqual(['conformance']);
});

describeConformance({
  os,
  nextIteration: () =>
    new Promise<void>((resolve) => {
      const off = os.main.atExitIter(() => {
        off();
        resolve();
      });
    }),
  expectRandom: false,
  expectRdrand: sim.host.rdrand !== undefined,
  expectAes256Ctr: false,
  expectChacha20: false,
});

it('ran the loop by blocking on the host, and read time from a stable pvclock', () => {
  const s = status();
  expect(s.loop.iterations).toBeGreaterThan(100);
  expect(s.loop.blocks).toBeGreaterThan(0);
  expect(sim.blocks.length).toBe(s.loop.blocks);
  expect(s.tscStable).toBe(true);
});

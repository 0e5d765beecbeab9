// The os-shim conformance suite against the Solo5 backend, bound to a tender on real clocks.
// Node's event loop drives the unikernel loop here: one `iterate()` per macrotask; each
// `nextIteration` marks a handle ready (as a device would) and waits for the end of the next
// iteration.
import { describeConformance } from '@shimkit/os-shim/conformance';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bindHost, iterate, os, status } from './index.js';
import { Solo5HostSimulator } from './testing/index.js';

const sim = new Solo5HostSimulator({ cmdline: 'conformance' });
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

it('is the solo5 backend, with the host CPU RNG when the host has one', () => {
  expect(os.name).toBe('solo5');
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
      sim.signal(0);
    }),
  expectRandom: false,
  expectRdrand: sim.host.rdrand !== undefined,
  expectAes256Ctr: false,
  expectChacha20: false,
});

it('ran the loop over solo5_yield', () => {
  const s = status();
  expect(s.loop.iterations).toBeGreaterThan(100);
  expect(sim.yields.length).toBe(s.loop.iterations);
  expect(s.readyHandles).toBeGreaterThan(0);
});

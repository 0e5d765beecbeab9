import { describeConformance } from '@shimkit/os-shim/conformance';
import { expect, it } from 'vitest';
import { os, status } from './index.js';

/** The vitest project `unix-fallback` sets SHIMKIT_NO_ADDON=1; `unix-native` requires the addon. */
const expectNative = process.env.SHIMKIT_NO_ADDON !== '1';

it(`runs on the ${expectNative ? 'native' : 'fallback'} path`, () => {
  const s = status();
  // In the unix-native project a missing addon is a failure, not a silent switch to the fallback.
  expect(s.path, JSON.stringify(s.addon)).toBe(expectNative ? 'native' : 'fallback');
});

describeConformance({
  os,
  nextIteration: () => new Promise<void>((resolve) => setImmediate(resolve)),
  expectRandom: true,
  expectRdrand: expectNative && status().rdrand.available,
  expectAes256Ctr: true,
  expectChacha20: true,
  expectOnClone: true,
});

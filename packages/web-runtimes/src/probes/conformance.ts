/**
 * Registers the os-shim conformance suite against the linked backend — `@shimkit/os-shim`, which
 * the bundle aliases to `@shimkit/os-web` exactly as a user's bundler does (`rollupAlias('web')`).
 * One iteration of os-web's main loop is one timer task, so the harness waits for one.
 */

import { os } from '@shimkit/os-shim';
import { type ConformanceHarness, describeConformance } from '@shimkit/os-shim/conformance';

/** os-web's expectations: OS random present; no CPU RNG, no accelerators. */
const WEB: Omit<ConformanceHarness, 'os' | 'nextIteration'> = {
  expectRandom: true,
  expectRdrand: false,
  expectAes256Ctr: false,
  expectChacha20: false,
};

/**
 * Registers the suite for the linked backend. `nextIteration` defaults to one timer task (os-web's
 * iteration); `expect` defaults to os-web's expectations (the addon probe passes its own).
 */
export function registerConformance(
  nextIteration: () => Promise<void> = () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
  expect: Omit<ConformanceHarness, 'os' | 'nextIteration'> = WEB,
): void {
  describeConformance({ os, nextIteration, ...expect });
}

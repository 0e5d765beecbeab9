/**
 * Registers the os-shim conformance suite against the linked backend — `@shimkit/os-shim`, which
 * the bundle aliases to `@shimkit/os-web` exactly as a user's bundler does (`rollupAlias('web')`).
 * One iteration of os-web's main loop is one timer task, so the harness waits for one.
 */

import { os } from '@shimkit/os-shim';
import { describeConformance } from '@shimkit/os-shim/conformance';

export function registerConformance(): void {
  describeConformance({
    os,
    nextIteration: () => new Promise<void>((resolve) => setTimeout(resolve, 0)),
    expectRandom: true,
    expectRdrand: false,
    expectAes256Ctr: false,
    expectChacha20: false,
  });
}

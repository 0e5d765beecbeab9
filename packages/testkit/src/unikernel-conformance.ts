/**
 * The os-shim conformance suite (`@shimkit/os-shim/conformance`) against a unikernel backend
 * bound to a host simulator, with Node's event loop driving the guest loop: one `iterate()` per
 * macrotask while the suite runs — what an embedding whose loop knows when the engine's job
 * queue is empty does — and `nextIteration` waiting for the end of the next iteration. Also
 * checks what every unikernel backend says about itself: its name, no OS random source, the host
 * CPU RNG exactly when the host has one, argv from the command line. A vitest suite.
 *
 * Test-side code (Node).
 */

import type { Os } from '@shimkit/os-shim/contract';
import { describeConformance } from '@shimkit/os-shim/conformance';
import { afterAll, beforeAll, expect, it } from 'vitest';

export interface UnikernelConformance {
  /** The backend's name, which `os.name` must be. */
  readonly backend: 'xen' | 'solo5';
  /** The backend's `os`, bound to the simulator. */
  readonly os: Os;
  /** One iteration of the backend's main loop. */
  iterate(): void;
  /** The backend's `status()`. */
  status(): { readonly osRandom: string; readonly rdrand: { readonly available: boolean } };
  /** Whether the simulated host offers RDRAND. */
  readonly hostHasRdrand: boolean;
  /** The argv of the simulator's command line. */
  readonly argv: readonly string[];
  /** Called when the suite starts waiting for an iteration (e.g. to mark a device handle ready). */
  wake?: () => void;
  /** Whether the backend offers `lifecycle.onClone` on this host. */
  readonly expectOnClone: boolean;
  /** Makes the simulated platform clone/resume the guest once (see `ConformanceHarness.triggerClone`). */
  triggerClone?: () => void;
}

export function describeUnikernelConformance(spec: UnikernelConformance): void {
  const { os } = spec;
  let pumping = false;
  const pump = (): void => {
    if (!pumping) return;
    spec.iterate();
    setImmediate(pump);
  };
  beforeAll(() => {
    pumping = true;
    setImmediate(pump);
  });
  afterAll(() => {
    pumping = false;
  });

  it(`is the ${spec.backend} backend, with the host CPU RNG when the host has one`, () => {
    expect(os.name).toBe(spec.backend);
    const s = spec.status();
    expect(s.osRandom).toBe('none');
    expect(s.rdrand.available).toBe(spec.hostHasRdrand);
    expect(os.env.argv()).toEqual(spec.argv);
  });

  const nextIteration = (): Promise<void> =>
    new Promise<void>((resolve) => {
      const off = os.main.atExitIter(() => {
        off();
        resolve();
      });
      spec.wake?.();
    });
  const trigger = spec.triggerClone;
  describeConformance({
    os,
    nextIteration,
    expectOnClone: spec.expectOnClone,
    ...(trigger
      ? {
          triggerClone: async () => {
            trigger();
            // The request is seen after the next wakeup; its hooks run before that iteration's exit hooks.
            await nextIteration();
          },
        }
      : {}),
    expectRandom: false,
    expectRdrand: spec.hostHasRdrand,
    expectAes256Ctr: false,
    expectChacha20: false,
  });
}

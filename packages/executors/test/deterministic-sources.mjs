// Sources for worker-thread tests: a seeded TEST-ONLY generator and a fixed clock, so a call in a
// worker gives the same output as the same call in this thread with the same seed and clock.
import { createUnsafeDeterministicRandom } from './unsafe-random.mjs';

export const random = createUnsafeDeterministicRandom(new TextEncoder().encode('replay'));
export const clock = { monotonicNs: () => 5000n, wallNs: () => 1_700_000_000_123_456_789n };

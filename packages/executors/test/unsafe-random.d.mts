import type { Random } from '@shimkit/entropy';
/** @shimkit/entropy's test-only seeded generator (never for production). */
export function createUnsafeDeterministicRandom(seed: Uint8Array): Random;

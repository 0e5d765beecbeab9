// The test-only seeded generator of @shimkit/entropy. It is exported from the package's main entry
// today and is moving to the `@shimkit/entropy/testing` subpath; take it from wherever it is, so
// these tests do not depend on the order in which the two changes land.
import * as entropy from '@shimkit/entropy';

const testingSubpath = '@shimkit/entropy/testing';

export const createUnsafeDeterministicRandom =
  entropy.createUnsafeDeterministicRandom ?? (await import(/* @vite-ignore */ testingSubpath)).createUnsafeDeterministicRandom;

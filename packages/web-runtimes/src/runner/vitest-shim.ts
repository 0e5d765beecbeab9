/**
 * What `@shimkit/os-shim/conformance` imports from `vitest` (`describe`, `it`, `expect`), for a
 * bundle that runs inside a Web runtime where vitest itself cannot run (a page, a worker, Deno,
 * Bun, workerd). The rollup config aliases `vitest` to this module, so the suite's own code runs
 * unchanged: nothing of the checks is rewritten here.
 *
 * - `expect` is vitest's own: `@vitest/expect`'s Jest matchers installed on chai, exactly as
 *   vitest builds its `expect` (minus snapshot and poll support, which the suite does not use).
 * - `describe` / `it` only collect: `describe` runs its body at once (as vitest does while
 *   collecting) and prefixes the names; `it` records the test. `run()` (see `./run.ts`) runs the
 *   recorded tests in order, one at a time, with a `ctx.skip()` that ends a test as skipped.
 */

import { chai, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect';

chai.use(JestExtend);
chai.use(JestChaiExpect);
chai.use(JestAsymmetricMatchers);

type ExpectFn = ((value: unknown, message?: string) => Chai.Assertion) & typeof chai.expect;

const expectImpl = ((value: unknown, message?: string) => chai.expect(value, message)) as ExpectFn;
Object.assign(expectImpl, chai.expect);
setState(
  {
    assertionCalls: 0,
    isExpectingAssertions: false,
    isExpectingAssertionsError: null,
    expectedAssertionsNumber: null,
    expectedAssertionsNumberErrorGen: null,
    currentTestName: '',
  },
  expectImpl as unknown as Parameters<typeof setState>[1],
);
(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = expectImpl;

export const expect = expectImpl;

/** Thrown by `ctx.skip()`: ends the test as skipped. */
export class SkipSignal {
  readonly note: string | undefined;
  constructor(note?: string) {
    this.note = note;
  }
}

export interface TestContext {
  skip(note?: string): never;
}

export interface CollectedTest {
  readonly name: string;
  readonly fn: (ctx: TestContext) => unknown;
}

const collected: CollectedTest[] = [];
const prefix: string[] = [];

export function describe(name: string, body: () => void): void {
  prefix.push(name);
  try {
    body();
  } finally {
    prefix.pop();
  }
}

export function it(name: string, fn: (ctx: TestContext) => unknown): void {
  collected.push({ name: [...prefix, name].join(' > '), fn });
}

/** Takes the tests collected so far (and forgets them). */
export function takeCollected(): CollectedTest[] {
  return collected.splice(0, collected.length);
}

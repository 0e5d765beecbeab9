/**
 * Runs the tests collected by `./vitest-shim.ts`, in order, one at a time, and reports each as
 * passed, failed (with the assertion's message) or skipped. A test that neither settles nor
 * throws within `timeoutMs` fails with a timeout.
 */

import { type CollectedTest, SkipSignal, type TestContext, takeCollected } from './vitest-shim.js';

export type CheckStatus = 'passed' | 'failed' | 'skipped';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  readonly ms: number;
  readonly error?: string;
}

const ctx: TestContext = {
  skip(note?: string): never {
    throw new SkipSignal(note);
  },
};

function withTimeout(promise: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runOne(test: CollectedTest, timeoutMs: number): Promise<CheckResult> {
  const t0 = performance.now();
  const ms = (): number => Math.round(performance.now() - t0);
  try {
    await withTimeout(Promise.resolve().then(() => test.fn(ctx)), timeoutMs);
    return { name: test.name, status: 'passed', ms: ms() };
  } catch (error) {
    if (error instanceof SkipSignal) return { name: test.name, status: 'skipped', ms: ms() };
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { name: test.name, status: 'failed', ms: ms(), error: message };
  }
}

/** Runs every collected test; returns one result per test. */
export async function runCollected(timeoutMs = 30_000): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const test of takeCollected()) results.push(await runOne(test, timeoutMs));
  return results;
}

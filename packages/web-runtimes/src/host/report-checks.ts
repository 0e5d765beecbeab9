/**
 * The assertions every runtime's report must pass, shared by the web-* projects, and the record
 * of what each runtime reported (results/<runtime>.json, for the README's table).
 */

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { RuntimeReport } from '../probes/report.js';
import type { SmokeResult } from '../probes/smoke.js';
import { RESULTS_DIR } from './bundles.js';

/**
 * The conformance checks os-web skips: what it does not have (CPU RNG, accelerators, cycle trace,
 * a clone/resume signal — no Web runtime tells a page or worker that its memory was cloned).
 */
export const WEB_SKIPPED = [
  'os-shim conformance > Cpu > rdrand, when present, returns 64-bit values or a failure that is not a value',
  'os-shim conformance > Cpu > rdseed, when present, returns 64-bit values or a failure that is not a value',
  'os-shim conformance > Cpu.aes256Ctr > is deterministic, overwrites dest, and leaves key and counter alone',
  'os-shim conformance > Cpu.aes256Ctr > continues the counter across blocks, partial blocks, 64 KiB and the 2^128 wrap',
  'os-shim conformance > Cpu.aes256Ctr > writes nothing outside dest',
  'os-shim conformance > Cpu.aes256Ctr > rejects bad arguments before writing',
  'os-shim conformance > Cpu.chacha20 > is deterministic, overwrites dest, and leaves key and nonce alone',
  'os-shim conformance > Cpu.chacha20 > continues the block counter across blocks, partial blocks and 64 KiB, up to 2^32 - 1',
  'os-shim conformance > Cpu.chacha20 > writes nothing outside dest',
  'os-shim conformance > Cpu.chacha20 > rejects bad arguments, and lengths past the counter space, before writing',
  'os-shim conformance > Main > cycleTrace, when present, collects one sample per iteration while started',
  'os-shim conformance > Env, Lifecycle, Console > onClone (optional) is present exactly when expected, registers and unregisters, rejecting a non-function',
  'os-shim conformance > Env, Lifecycle, Console > onClone hooks run once per clone event, with a CloneKind, and not after unregister',
];

/** Every conformance check passed, except exactly the ones os-web has nothing for. */
export function expectConformance(report: RuntimeReport): void {
  const failed = report.conformance.filter((c) => c.status === 'failed').map((c) => `${c.name}: ${c.error}`);
  expect(failed).toEqual([]);
  expect(report.conformance.filter((c) => c.status === 'skipped').map((c) => c.name)).toEqual(WEB_SKIPPED);
  expect(report.conformance.filter((c) => c.status === 'passed').length).toBe(21);
  expect(report.backend).toBe('web');
}

/** `exit` threw WebExitError where nothing can end the program, and was not tried elsewhere. */
export function expectExit(report: RuntimeReport, throws: boolean): void {
  expect(report.exit).toEqual(throws ? { name: 'WebExitError', code: 'ERR_WEB_EXIT', exitCode: 3 } : 'not tried');
}

/** The entropy smoke test: seeded from the OS source, output not constant, instances distinct. */
export function expectSmoke(report: RuntimeReport): SmokeResult {
  expect(report.smoke).not.toHaveProperty('error');
  const smoke = report.smoke as SmokeResult;
  for (const s of [smoke.statusAtStart, smoke.statusSettled]) {
    expect(s.backend).toBe('web');
    expect(s.initialized).toBe(true);
    expect(s.seededFrom).toContain('os-random');
    const osRandom = s.sources.find((src) => src.name === 'os-random');
    expect(osRandom).toMatchObject({ available: true, healthy: true, failures: 0 });
    expect(osRandom!.bytesFed).toBeGreaterThanOrEqual(32);
    expect(s.sources.find((src) => src.name === 'cpu-rng')).toMatchObject({ available: false, healthy: false });
  }
  // 1 MiB: every byte value occurs; zero bytes near 4096 (sd 64): far outside would mean a stuck generator.
  expect(smoke.mib.length).toBe(1 << 20);
  expect(smoke.mib.distinctBytes).toBe(256);
  expect(smoke.mib.zeros).toBeGreaterThan(4096 - 640);
  expect(smoke.mib.zeros).toBeLessThan(4096 + 640);
  expect(smoke.twoInstances.a).toMatch(/^[0-9a-f]{64}$/);
  expect(smoke.twoInstances.b).toMatch(/^[0-9a-f]{64}$/);
  expect(smoke.twoInstances.a).not.toBe(smoke.twoInstances.b);
  expect(smoke.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  return smoke;
}

/**
 * A view over a SharedArrayBuffer is filled by os-web wherever the runtime has shared memory;
 * `directCall` is what the runtime's own getRandomValues did with such a view.
 */
export function expectSharedMemory(report: RuntimeReport, expected: { available: boolean; directCall?: string }): void {
  expect(report.sharedMemory).not.toHaveProperty('error');
  const probe = report.sharedMemory as { available: boolean; directCall?: string; zeros?: number; guardIntact?: number };
  expect(probe.available).toBe(expected.available);
  if (!expected.available) return;
  expect(probe.directCall).toBe(expected.directCall);
  // 100 003 bytes: ≈ 391 zeros (sd ≈ 20) when every byte is written.
  expect(probe.zeros).toBeGreaterThan(250);
  expect(probe.zeros).toBeLessThan(550);
  expect(probe.guardIntact).toBe(16);
}

/** The timer measurement is plausible (a positive step, or frozen); the loop samples were taken. */
export function expectTimer(report: RuntimeReport): void {
  expect(report.loopSamples.n).toBe(1024);
  expect(report.loopSamples.distinct).toBeGreaterThanOrEqual(1);
  expect(report.loopSamples.minEntropyMcv).toBeGreaterThanOrEqual(0);
  if (report.timer.frozen) expect(report.timer.minStepUs).toBeNull();
  else expect(report.timer.minStepUs).toBeGreaterThan(0);
}

/** Saves what a runtime reported (results/ is generated, not committed). */
export function record(name: string, data: unknown): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
}

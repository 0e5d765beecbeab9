/**
 * Everything one runtime reports back to the vitest project that started it: the runtime's own
 * description, the conformance results check by check, the timer granularity, os-web's status and
 * the entropy smoke test. Plain JSON.
 */

import { os } from '@shimkit/os-shim';
import { status as webStatus, type WebStatus } from '@shimkit/os-web';
import { type CheckResult, runCollected } from '../runner/run.js';
import { registerConformance } from './conformance.js';
import { collectLoopSamples, type LoopSamples } from './loop-samples.js';
import { probeSharedMemory, type SharedMemoryProbe } from './shared-memory.js';
import { runSmoke, type SmokeResult } from './smoke.js';
import { measureTimer, type TimerResolution } from './timer.js';

/**
 * `lifecycle.exit(3)` where the runtime can neither exit a process nor close a worker (a page, a
 * workerd isolate): it must throw `WebExitError`. Not tried elsewhere, where it would end the run.
 */
function probeExit(): { readonly name: string; readonly code: string; readonly exitCode: number } | 'not tried' {
  const g = globalThis as { process?: { exit?: unknown }; WorkerGlobalScope?: unknown; close?: unknown };
  if (typeof g.process?.exit === 'function' || (g.WorkerGlobalScope !== undefined && typeof g.close === 'function')) return 'not tried';
  try {
    os.lifecycle.exit(3);
  } catch (error) {
    const e = error as { name: string; code: string; exitCode: number };
    return { name: e.name, code: e.code, exitCode: e.exitCode };
  }
  throw new Error('lifecycle.exit returned');
}

export interface RuntimeReport {
  readonly runtime: string;
  readonly backend: string;
  readonly crossOriginIsolated: boolean | null;
  readonly webStatus: WebStatus;
  readonly conformance: readonly CheckResult[];
  readonly timer: TimerResolution;
  readonly loopSamples: LoopSamples;
  readonly exit: ReturnType<typeof probeExit>;
  readonly sharedMemory: SharedMemoryProbe | { readonly error: string };
  readonly smoke: SmokeResult | { readonly error: string };
}

/** Names the runtime from what it says about itself (only for the report). */
function describeRuntime(): string {
  const g = globalThis as { Deno?: { version?: { deno?: string; v8?: string } }; Bun?: { version?: string }; navigator?: { userAgent?: string } };
  if (g.Deno?.version?.deno) return `Deno ${g.Deno.version.deno} (V8 ${g.Deno.version.v8})`;
  if (g.Bun?.version) return `Bun ${g.Bun.version}`;
  return g.navigator?.userAgent ?? 'unknown';
}

export async function runReport(options: { settleMs: number }): Promise<RuntimeReport> {
  const timer = measureTimer();
  registerConformance();
  const conformance = await runCollected();
  const loopSamples = await collectLoopSamples(1024);
  let sharedMemory: RuntimeReport['sharedMemory'];
  try {
    sharedMemory = probeSharedMemory();
  } catch (error) {
    sharedMemory = { error: String(error) };
  }
  let smoke: RuntimeReport['smoke'];
  try {
    smoke = await runSmoke(options.settleMs);
  } catch (error) {
    smoke = { error: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error) };
  }
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  return {
    runtime: describeRuntime(),
    backend: os.name,
    crossOriginIsolated: typeof isolated === 'boolean' ? isolated : null,
    webStatus: webStatus(),
    conformance,
    timer,
    loopSamples,
    exit: probeExit(),
    sharedMemory,
    smoke,
  };
}

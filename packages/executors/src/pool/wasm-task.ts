/**
 * The body of a pool worker (Node, loaded by piscina in each worker thread): runs each job it is
 * sent — a wasm job with `runWasmJob`, a js job (`kind: 'js'`) with `runJsJob`, whose module is
 * imported on the first js job — and returns the result. Each job carries a compiled
 * `WebAssembly.Module` (structured clone shares the compiled code with this thread: nothing is
 * recompiled here).
 *
 * Clock and random source are this thread's OS shim and `@shimkit/entropy` (its own,
 * independently seeded instance), unless the pool named a module exporting `clock` and / or
 * `random` in `workerData.sources` (how tests inject a fixed clock and a seeded generator). That
 * module is imported on the first job, not at load, so the module has no top-level await.
 */

import { workerData } from 'node:worker_threads';
import { type Clock, entropyRandom, osClock, type RandomSource } from '../sources.js';
import { runWasmJob, type WasmJob, type WasmJobResult } from '../wasm/job.js';
import type { JsJob, JsJobResult } from '../js/job.js';

type Sources = { clock: Clock; random: RandomSource };

let sources: Promise<Sources> | undefined;
let js: Promise<typeof import('../js/job.js')> | undefined;

async function load(): Promise<Sources> {
  const data = workerData as { sources?: string } | undefined;
  const injected: { clock?: Clock; random?: RandomSource } = data?.sources === undefined ? {} : await import(data.sources);
  return { clock: injected.clock ?? osClock, random: injected.random ?? entropyRandom };
}

/** Runs one job in this worker. Never throws for a guest fault: every ending is a result. */
export default async function runTask(job: WasmJob | JsJob): Promise<WasmJobResult | JsJobResult> {
  const s = await (sources ??= load());
  if ('kind' in job && job.kind === 'js') return (await (js ??= import('../js/job.js'))).runJsJob(job, s);
  return runWasmJob(job as WasmJob, s);
}

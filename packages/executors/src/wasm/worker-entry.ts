/**
 * The body of a wasm worker thread (Node): runs each job it is sent with `runWasmJob` and posts
 * the result back. Its clock and random source are the OS shim's and `@shimkit/entropy`'s (this
 * thread's own, independently seeded instance), unless the runner named a module exporting
 * `clock` and / or `random` (how tests inject a fixed clock and a seeded generator).
 */

import { parentPort, workerData } from 'node:worker_threads';
import { type Clock, entropyRandom, osClock, type RandomSource } from '../sources.js';
import { runWasmJob, type WasmJob } from './job.js';

const data = workerData as { sources?: string } | undefined;
const injected: { clock?: Clock; random?: RandomSource } = data?.sources === undefined ? {} : await import(data.sources);
const sources = { clock: injected.clock ?? osClock, random: injected.random ?? entropyRandom };

parentPort?.on('message', (job: WasmJob) => {
  parentPort?.postMessage(runWasmJob(job, sources));
});

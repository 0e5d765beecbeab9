/**
 * `shimkit tour` (root `npm start`): the whole idea on one screen — the per-target table (the
 * example program linked for each preset and run on its host), then this machine's status.
 *
 * The tour is a list of steps, run in order, each writing its own section: the targets, the
 * executors (one function per executor of `packages/executors` — builtin, wasm, js, python — run
 * with a deadline, with outputs and timings: `./tour-executors.ts`), then the status.
 */

import type { TargetName } from '@shimkit/os-shim/presets';
import { CliError } from '../exit-codes.js';
import { formatStatus, readStatus } from './status.js';
import { formatTargets, runTargets } from './targets.js';

/** What a tour step gets: where to write its section and its progress, and the targets chosen. */
export interface TourContext {
  readonly out: (text: string) => void;
  readonly progress: (line: string) => void;
  readonly targets: readonly TargetName[];
}

/** One section of the tour. */
export interface TourStep {
  readonly title: string;
  run(ctx: TourContext): Promise<void>;
}

/** The steps, in order. */
export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'Targets: one program, linked for each preset, run on its host',
    async run(ctx) {
      ctx.out(formatTargets(await runTargets(ctx.targets, ctx.progress)));
    },
  },
  {
    title: 'Executors: one function per executor, each with a deadline (`shimkit run`)',
    async run(ctx) {
      // Loaded here, so the other commands do not load the executors.
      const { formatExecutorRows, runExecutorTour } = await import('./tour-executors.js');
      const rows = await runExecutorTour(ctx.progress);
      ctx.out(formatExecutorRows(rows));
      const failed = rows.filter((r) => !r.result.ok).map((r) => r.executor);
      if (failed.length > 0) throw new CliError('functionError', `the tour's ${failed.join(', ')} function${failed.length > 1 ? 's' : ''} failed`);
    },
  },
  {
    title: 'This machine: `shimkit status`',
    async run(ctx) {
      ctx.out(formatStatus(readStatus()));
    },
  },
];

/** Runs every step, each under its title. */
export async function runTour(ctx: TourContext): Promise<void> {
  for (const [i, step] of TOUR_STEPS.entries()) {
    ctx.out(`${i === 0 ? '' : '\n'}== ${step.title}\n\n`);
    await step.run(ctx);
  }
}

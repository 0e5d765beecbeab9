/**
 * `shimkit targets [--only T,…] [--json]`: the example program linked for every preset (or the
 * ones named) with rollup + the presets' alias, each bundle run on its host, one row per target —
 * bundle size, backend, sources used, seeded from, health, a sample of its output. Progress goes
 * to stderr while it builds; the table (or JSON) to stdout. A second run reuses the bundles and
 * components it built (see `../targets/build.ts`).
 */

import { isTarget, preset, type TargetName, TARGETS } from '@shimkit/os-shim/presets';
import { CliError } from '../exit-codes.js';
import { table } from '../table.js';
import { buildBundle } from '../targets/build.js';
import { type ProgramReport, runOnHost } from '../targets/hosts.js';

/** One row of the table. */
export interface TargetRow {
  readonly target: TargetName;
  readonly host: string;
  readonly bundleBytes: number;
  readonly cached: boolean;
  readonly report: ProgramReport;
}

/** The targets named by `--only` (comma-separated and/or repeated), in preset order; all by default. */
export function selectTargets(only: readonly string[] | undefined): TargetName[] {
  if (only === undefined || only.length === 0) return [...TARGETS];
  const names = only.flatMap((o) => o.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  for (const name of names) {
    if (!isTarget(name)) throw new CliError('usage', `unknown target ${JSON.stringify(name)}; targets: ${TARGETS.join(', ')}`);
  }
  return TARGETS.filter((t) => names.includes(t));
}

/** Builds and runs each target; `progress` gets one line per step. */
export async function runTargets(targets: readonly TargetName[], progress: (line: string) => void): Promise<TargetRow[]> {
  const rows: TargetRow[] = [];
  for (const [i, target] of targets.entries()) {
    const p = preset(target);
    const step = `[${i + 1}/${targets.length}] ${target}`;
    progress(`${step}: bundling with rollup (alias @shimkit/os-shim → ${p.module})`);
    let bundle;
    try {
      bundle = await buildBundle(target);
    } catch (e) {
      if (e instanceof CliError) throw e;
      throw new CliError('targetFailed', `${target}: build failed: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`, { cause: e });
    }
    progress(`${step}: ${bundle.cached ? 'reused the cached bundle' : 'built'} (${bundle.bytes} bytes); running on ${p.host}`);
    const report = await runOnHost(p.host, bundle, (line) => progress(`${step}: ${line.replace(`${target}: `, '')}`));
    if (report.backend !== target) throw new CliError('targetFailed', `${target}: the bundle ran on backend ${report.backend}`);
    rows.push({ target, host: p.host, bundleBytes: bundle.bytes, cached: bundle.cached, report });
  }
  return rows;
}

/** `3/4 healthy (loop-timer: startup)`: credited sources of those available, and the others' states. */
export function health(report: ProgramReport): string {
  const available = Object.keys(report.health);
  const others = available.filter((name) => !report.sources.includes(name)).map((name) => `${name}: ${report.health[name]}`);
  return `${available.length - others.length}/${available.length} healthy${others.length > 0 ? ` (${others.join(', ')})` : ''}`;
}

/** The rows as the text table. */
export function formatTargets(rows: readonly TargetRow[]): string {
  return `${table(
    ['target', 'host', 'bundle', 'backend', 'sources used', 'seeded from', 'health', 'sample output'],
    rows.map((r) => [
      r.target,
      r.host,
      `${(r.bundleBytes / 1024).toFixed(1)} KiB`,
      r.report.backend,
      r.report.sources.join(',') || '-',
      r.report.seededFrom.join('+') || '-',
      health(r.report),
      `${r.report.random.slice(0, 16)}…`,
    ]),
  )}\n`;
}


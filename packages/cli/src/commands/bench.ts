/**
 * `shimkit bench [--quick] [--json] [--svg FILE] [--time-ms MS]`: the generator benchmark of
 * `@shimkit/entropy` (the measurements of `packages/entropy/bench/measure.js`, the same code
 * `npm run bench` prints as Markdown), run in this process:
 * 1. the default instance against node:crypto, call by call (medians of interleaved rounds);
 * 2. every generator and peer — shimkit's, node:crypto's, @noble/ciphers' — at request sizes
 *    16 B to 1 MiB (best of trials), with ns/op, MB/s and the ratio to crypto.getRandomValues.
 * A progress bar (lines when stderr is not a terminal) goes to stderr; the tables, or JSON with
 * `--json`, to stdout; `--svg FILE` also writes the chart of `../bench/chart.ts` (written whole:
 * to a temporary file in the same directory, then renamed).
 */

import { existsSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NoEntropyError, stop } from '@shimkit/entropy';
import {
  type BenchEnvironment,
  type BenchSettings,
  benchEnvironment,
  benchSettings,
  type DefaultInstanceRow,
  type GeneratorResult,
  runDefaultInstance,
  runGenerators,
  sizeLabel,
} from '@shimkit/entropy-bench';
import type { Command } from 'commander';
import { renderBenchChart } from '../bench/chart.js';
import { ProgressBar, type ProgressSink } from '../bench/progress.js';
import type { CliIo } from '../cli.js';
import { CliError } from '../exit-codes.js';
import { parseInteger } from '../numbers.js';
import { table } from '../table.js';

/** Everything `shimkit bench --json` prints. */
export interface BenchReport {
  readonly environment: BenchEnvironment;
  readonly settings: BenchSettings;
  readonly defaultInstance: readonly DefaultInstanceRow[];
  readonly generators: readonly GeneratorResult[];
}

interface BenchOptions {
  readonly quick?: boolean;
  readonly json?: boolean;
  readonly svg?: string;
  readonly timeMs?: number;
}

const fixed = (x: number, digits: number): string => x.toFixed(digits);
/** At least three significant digits (as plain decimals, no exponent) for figures from 0.001 up. */
const sig3 = (x: number): string => fixed(x, x >= 100 ? 0 : x >= 10 ? 1 : x >= 1 ? 2 : 3);
const ns = sig3;
const mbs = sig3;
const ratio = (x: number): string => `${fixed(x, 2)}×`;

/** The report as text: the environment line and two tables (no colours, no trailing blanks). */
export function formatBench(r: BenchReport): string {
  const e = r.environment;
  const s = r.settings;
  const lines = [
    `shimkit bench — node ${e.node}, ${e.platform}, backend ${e.backend} (os-unix ${e.osUnixPath}; AES-256-CTR ${e.aes256Ctr}, ChaCha20 ${e.chacha20})${s.quick ? ', quick' : ''}`,
    '',
    `Default instance vs node:crypto (median of ${s.rounds} interleaved rounds; ratio = node:crypto ns ÷ shimkit ns, > 1: shimkit faster)`,
    table(
      ['op', 'shimkit ns/op', 'node:crypto ns/op', 'peer', 'ratio'],
      r.defaultInstance.map((d) => [d.op, ns(d.oursNs), ns(d.nodeNs), d.peer, ratio(d.ratio)]),
    ),
    '',
    `Generators by request size (best of ${s.trials} trials; ratio = crypto.getRandomValues ns ÷ this ns, > 1: faster than node:crypto; * at most 64 KiB per call)`,
    table(
      ['generator', 'size', 'ns/op', 'MB/s', 'ratio'],
      r.generators.flatMap((g) => g.points.map((p) => [`${g.name}${g.capped ? ' *' : ''}`, sizeLabel(p.bytes), ns(p.nsPerOp), mbs(p.mbPerS), ratio(p.ratio)])),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** The absolute path `--svg FILE` will write, after checking its directory exists (exit 4 if not). */
function svgTarget(file: string): string {
  const path = resolve(file);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new CliError('missingFile', `--svg ${file}: directory ${dir} does not exist`);
  if (existsSync(path) && statSync(path).isDirectory()) throw new CliError('usage', `--svg ${file}: is a directory`);
  return path;
}

/** Writes `text` to `path` whole: a temporary sibling, then a rename; nothing is left behind on failure. */
function writeWhole(path: string, text: string): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Runs both measurements, with progress on `stderr`. */
export function measureBench(settings: BenchSettings, stderr: ProgressSink): BenchReport {
  const bar = new ProgressBar(stderr);
  try {
    const defaultInstance = runDefaultInstance(settings, (done, total, label) => bar.update('default instance', done, total, label));
    const generators = runGenerators(settings, (done, total, label) => bar.update('generators', done, total, label));
    return { environment: benchEnvironment(), settings, defaultInstance, generators };
  } catch (e) {
    if (e instanceof NoEntropyError) throw new CliError('noEntropy', e.message, { cause: e });
    throw e;
  } finally {
    bar.end();
    stop();
  }
}

/** Adds `shimkit bench` to `program`. */
export function registerBench(program: Command, io: CliIo): void {
  program
    .command('bench')
    .description('benchmark the generators: the default instance vs node:crypto, then every generator and peer at 16 B to 1 MiB (ns/op, MB/s, ratio to node:crypto)')
    .option('--quick', 'shorter measurements (about 10 s instead of about a minute); noisier figures')
    .option('--json', 'print the report as JSON')
    .option('--svg <FILE>', 'also write an SVG chart of throughput against request size, one line per generator and peer')
    .option('--time-ms <MS>', 'milliseconds per measurement (trial, round and warm-up; default 250, or 30 with --quick)', (v: string) => parseInteger(v, 1, 60_000))
    .action(async (o: BenchOptions) => {
      const svgPath = o.svg === undefined ? undefined : svgTarget(o.svg);
      const settings = benchSettings({ quick: o.quick === true, ...(o.timeMs === undefined ? {} : { timeMs: o.timeMs }) });
      const report = measureBench(settings, io.stderr as ProgressSink);
      if (svgPath !== undefined) {
        const e = report.environment;
        const svg = await renderBenchChart(report.generators, { measuredOn: `node ${e.node}, ${e.platform}, os-unix ${e.osUnixPath}${settings.quick ? ', quick' : ''}` });
        writeWhole(svgPath, svg);
        io.stderr.write(`wrote ${o.svg}\n`);
      }
      io.stdout.write(o.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatBench(report));
    });
}

// Measures the start-up entropy assessment of the timing sources on this machine and prints a
// Markdown report (the figures in docs/sources-and-health.md, "Start-up assessment"):
//
// - the real cycle counter (os-unix: RDTSC through the native addon, and the process.hrtime
//   fallback): the Whirlwind bootstrap's and the loop timer's start-up estimates, per predictor,
//   on the samples and on their deltas, over several runs;
// - every deterministic counter of scripts/deterministic-counters.mjs: its estimates, and what
//   the runtime does with it on a timing-only backend (it must throw NoEntropyError);
// - the cost of one assessment (1024 samples): in a fresh process (what start-up pays, JIT cold)
//   and warm, wall and CPU time.
//
// Run from the repository root after a build: `node packages/entropy/scripts/timing-assessment.mjs`
// (RUNS=n changes the number of real-counter runs, default 5).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { os as nativeOs, status as unixStatus } from '@shimkit/os-unix';
import { os as fallbackOs } from '@shimkit/os-unix/fallback';
import { HealthMonitor } from '../dist/health/monitor.js';
import { assessStartupSamples } from '../dist/health/startup-assessment.js';
import { EntropyRuntime } from '../dist/runtime.js';
import { LoopTimerSource } from '../dist/sources/loop-timer.js';
import { createWhirlwindMonitor, whirlwind, WHIRLWIND_STARTUP } from '../dist/sources/whirlwind.js';
import { DETERMINISTIC_COUNTERS } from './deterministic-counters.mjs';

const RUNS = Number(process.env.RUNS ?? 5);
const fmt = (x) => x.toFixed(3);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A monitor that records the samples it is given and never becomes permanent within 1024. */
class RecordingMonitor extends HealthMonitor {
  seen = [];
  constructor() {
    super({ minEntropy: 0.01, startupSamples: 1e9 });
  }
  test(sample) {
    this.seen.push(Number(sample));
    return super.test(sample);
  }
}

const whirlwindSamples = (cpu) => {
  const m = new RecordingMonitor();
  whirlwind(cpu, m, 1, WHIRLWIND_STARTUP);
  return Uint8Array.from(m.seen);
};

// A child process measuring one cold assessment (the first call of the predictors in a process).
if (process.argv[2] === '--cold') {
  const samples = whirlwindSamples(nativeOs.cpu);
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  assessStartupSamples(samples, 0.5);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
  process.exit(0);
}

// A child process measuring one cold Whirlwind bootstrap, with or without the assessment.
if (process.argv[2] === '--cold-bootstrap') {
  const assess = process.argv[3] === 'assessed';
  const monitor = new HealthMonitor({ minEntropy: 0.5, startupSamples: WHIRLWIND_STARTUP, ...(assess ? { startupAssessment: 'synchronous' } : {}) });
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  whirlwind(nativeOs.cpu, monitor);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
  process.exit(0);
}

// The loop timer's sliced assessment: the default runtime on native os-unix, the three most
// expensive main-loop iterations (CPU) over 2400 iterations and 6 bulk requests, in fresh processes.
if (process.argv[2] === '--loop-iterations') {
  const rt = new EntropyRuntime(nativeOs, { log: () => {} });
  rt.initialize();
  const iters = [];
  const requests = [];
  let c0 = process.cpuUsage();
  const off = nativeOs.main.atExitIter(() => {
    const c = process.cpuUsage(c0);
    iters.push((c.user + c.system) / 1000);
    c0 = process.cpuUsage();
  });
  for (let round = 0; round < 6; round++) {
    for (let i = 0; i < 400; i++) await new Promise((resolve) => setImmediate(resolve));
    const r0 = process.cpuUsage();
    rt.generator.generate(8192);
    const r = process.cpuUsage(r0);
    requests.push((r.user + r.system) / 1000);
  }
  off();
  const loop = rt.status().sources.find((x) => x.name === 'loop-timer');
  rt.stop();
  process.stdout.write(JSON.stringify({ top: iters.sort((a, b) => b - a).slice(0, 3), request: Math.max(...requests), health: loop.health, estimate: loop.assessment?.minEntropy }));
  process.exit(0);
}
const row = (label, a) =>
  `| ${label} | ${fmt(a.minEntropy)} | ${a.raw.estimates.map((e) => fmt(e.minEntropy)).join(' / ')} | ${a.deltas.estimates.map((e) => fmt(e.minEntropy)).join(' / ')} | ${a.raw.commonFactor}, ${a.deltas.commonFactor} | ${a.stuck} |`;
const header = [
  '| run | estimate (bits/sample) | samples: MCW / Lag / MMC / LZ78Y | deltas: MCW / Lag / MMC / LZ78Y | common factor (samples, deltas) | stuck of 1024 |',
  '| --- | --- | --- | --- | --- | --- |',
];

async function loopTimerAssessment(os) {
  const src = new LoopTimerSource(os, { add() {} });
  src.start();
  for (let i = 0; i < 1024 + 512 && src.monitor.assessment === undefined; i++) {
    await new Promise((resolve) => setImmediate(resolve));
    src.pump();
  }
  src.stop();
  return src.monitor.assessment;
}

const out = [];
const s = unixStatus();
out.push(`Measured ${new Date().toISOString().slice(0, 10)} on this machine: os-unix ${s.path} path, cycle counter \`${s.cycleCounter}\`, Node ${process.version}, ${RUNS} runs each.`, '');

for (const [label, os] of [
  [`real counter, native (${s.cycleCounter})`, nativeOs],
  ['real counter, fallback (process.hrtime, ns)', fallbackOs],
]) {
  out.push(`**Whirlwind bootstrap, ${label}** (claim 0.5 bit/sample)`, '', ...header);
  for (let r = 1; r <= RUNS; r++) {
    const m = createWhirlwindMonitor();
    whirlwind(os.cpu, m);
    out.push(row(String(r), m.assessment));
  }
  out.push('', `**Loop timer, ${label}** (claim 1 bit/sample; ${os.main.cycleTrace ? 'native cycle trace' : 'atEnterIter hook'})`, '', ...header);
  for (let r = 1; r <= RUNS; r++) out.push(row(String(r), await loopTimerAssessment(os)));
  out.push('');
}

out.push(
  '**Deterministic counters** (scripts/deterministic-counters.mjs) on a timing-only backend',
  '',
  '| counter | Whirlwind samples: estimate | loop-timer samples: estimate | runtime | refused by |',
  '| --- | --- | --- | --- | --- |',
);
for (const c of DETERMINISTIC_COUNTERS) {
  const ww = assessStartupSamples(whirlwindSamples({ cycles: c.create() }), 0.5);
  const next = c.create();
  let last = next();
  const loop = assessStartupSamples(
    Uint8Array.from({ length: 1024 }, () => {
      const t = next();
      const d = (t - last) >>> 0;
      last = t;
      return d & 0xff;
    }),
    1,
  );
  const { random: _random, cpu: _cpu, ...rest } = fallbackOs;
  const lines = [];
  const rt = new EntropyRuntime({ ...rest, cpu: { cycles: c.create() } }, { log: (l) => lines.push(l) });
  let outcome = 'SEEDED';
  try {
    rt.initialize();
  } catch (e) {
    outcome = e.code;
  }
  const by = /failed its health tests \(([a-z-]+)/.exec(lines.at(-1) ?? '')?.[1] ?? '—';
  out.push(`| ${c.name} | ${fmt(ww.minEntropy)} | ${fmt(loop.minEntropy)} | ${outcome} | ${by} |`);
}

const warm = [];
const samples = whirlwindSamples(nativeOs.cpu);
for (let i = 0; i < 20; i++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  assessStartupSamples(samples, 0.5);
  const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const cpu = process.cpuUsage(c0);
  warm.push({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 });
}
const cold = [];
for (let i = 0; i < RUNS; i++) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold'], { encoding: 'utf8' });
  cold.push(JSON.parse(child.stdout));
}
const coldBoot = { plain: [], assessed: [] };
for (let i = 0; i < RUNS; i++) {
  for (const mode of ['plain', 'assessed']) {
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--cold-bootstrap', mode], { encoding: 'utf8' });
    coldBoot[mode].push(JSON.parse(child.stdout));
  }
}
const loopRuns = [];
for (let i = 0; i < 3; i++) {
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--loop-iterations'], { encoding: 'utf8' });
  loopRuns.push(JSON.parse(child.stdout));
}
const cell = (xs, key) => `${fmt(median(xs.map((c) => c[key])))} (${fmt(Math.min(...xs.map((c) => c[key])))}–${fmt(Math.max(...xs.map((c) => c[key])))})`;
out.push(
  '',
  '**Cost of one assessment** (1024 samples: 4 predictors × samples and deltas, and the stuck test)',
  '',
  '| | wall ms (median, min–max) | CPU ms (median) |',
  '| --- | --- | --- |',
  `| first call in a fresh process (JIT cold), ${RUNS} processes | ${cell(cold, 'wallMs')} | ${fmt(median(cold.map((c) => c.cpuMs)))} |`,
  `| warm, 20 calls | ${cell(warm, 'wallMs')} | ${fmt(median(warm.map((c) => c.cpuMs)))} |`,
  `| what start-up pays: a whole Whirlwind bootstrap (2048 samples) in a fresh process, native, without the assessment | ${cell(coldBoot.plain, 'wallMs')} | ${fmt(median(coldBoot.plain.map((c) => c.cpuMs)))} |`,
  `| the same with the assessment (as shipped) | ${cell(coldBoot.assessed, 'wallMs')} | ${fmt(median(coldBoot.assessed.map((c) => c.cpuMs)))} |`,
  '',
  'The loop timer assesses a slice per main-loop iteration: the default runtime on native os-unix, 2400 iterations and six 8 KiB requests per process (fresh processes):',
  '',
  '| process | three most expensive loop iterations, CPU ms | most expensive request, CPU ms | loop timer |',
  '| --- | --- | --- | --- |',
  ...loopRuns.map((r, i) => `| ${i + 1} | ${r.top.map(fmt).join(', ')} | ${fmt(r.request)} | ${r.health}, estimate ${fmt(r.estimate)} |`),
);
process.stdout.write(`${out.join('\n')}\n`);

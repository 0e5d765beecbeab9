/**
 * `shimkit bench`, run as the built binary (`dist/bin.js`) with `--quick --time-ms 1` so each run
 * takes seconds: the tables' rows and columns, the JSON report, the SVG chart (parsed: root
 * element, one legend label and one line path per generator, points at the request sizes), and
 * the one-line errors. No figure is asserted against a speed (machines are noisy), only against
 * the other figures of the same run.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DOMParser, type Element } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shimkit-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shimkit(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GENERATORS = [
  'shimkit ChaChaFront(Fortuna) — default front, fill',
  'shimkit ChaChaFront(Fortuna) — default front, generate',
  'shimkit ChaChaFront(Fortuna), pure JS, fill',
  'shimkit Fortuna, accelerator, fill',
  'shimkit Fortuna, pure JS, fill',
  'shimkit HMAC_DRBG SHA-256',
  'crypto.getRandomValues',
  'crypto.randomFillSync',
  'crypto.randomBytes',
  '@noble/ciphers rngChacha20',
  '@noble/ciphers rngAesCtrDrbg256',
];
const CAPPED = new Set(['shimkit HMAC_DRBG SHA-256', 'crypto.getRandomValues', '@noble/ciphers rngAesCtrDrbg256']);
const SIZES = [16, 32, 256, 4096, 65_536, 1_048_576];
const LABELS = ['16 B', '32 B', '256 B', '4 KiB', '64 KiB', '1 MiB'];
const DEFAULT_PAIRS = [
  ['fill(Uint8Array(32)), reused buffer', 'crypto.getRandomValues'],
  ['fill(Uint8Array(32)), reused buffer', 'crypto.randomFillSync'],
  ['randomBytes(32)', 'crypto.randomBytes'],
  ['fill(64 KiB), reused buffer', 'crypto.randomFillSync'],
  ['randomUUID()', 'crypto.randomUUID'],
  ['randomInt(1000)', 'crypto.randomInt'],
  ['randomInt(0, 2 ** 40)', 'crypto.randomInt'],
];

interface Report {
  environment: Record<string, string>;
  settings: Record<string, number | boolean>;
  defaultInstance: { op: string; peer: string; oursNs: number; nodeNs: number; ratio: number }[];
  generators: { name: string; source: string; capped: boolean; baseline: boolean; points: { bytes: number; nsPerOp: number; mbPerS: number; ratio: number }[] }[];
}

const cells = (line: string): string[] => line.split(/ {2,}/);

describe('shimkit bench (table)', () => {
  let run: ReturnType<typeof shimkit>;
  beforeAll(() => {
    run = shimkit(['bench', '--quick', '--time-ms', '1']);
  });

  it('exits 0 and shows progress on stderr, one line per measurement when stderr is not a terminal', () => {
    expect(run.status).toBe(0);
    const progress = run.stderr.trimEnd().split('\n');
    expect(progress).toHaveLength(DEFAULT_PAIRS.length + GENERATORS.length * SIZES.length);
    expect(progress[0]).toBe('[default instance 1/7] fill(Uint8Array(32)), reused buffer vs crypto.getRandomValues');
    expect(progress[7]).toBe('[generators  1/66] shimkit ChaChaFront(Fortuna) — default front, fill @ 16 B');
    expect(progress.at(-1)).toBe('[generators 66/66] @noble/ciphers rngAesCtrDrbg256 @ 1 MiB');
  });

  it('prints the environment, the default-instance table and the generator table with their columns', () => {
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^shimkit bench — node v\d+\.\d+\.\d+, \S+, backend unix \(os-unix (native|fallback); AES-256-CTR \S+, ChaCha20 \S+\), quick$/);
    const d = lines.indexOf('Default instance vs node:crypto (median of 3 interleaved rounds; ratio = node:crypto ns ÷ shimkit ns, > 1: shimkit faster)');
    expect(d).toBe(2);
    expect(cells(lines[d + 1]!)).toEqual(['op', 'shimkit ns/op', 'node:crypto ns/op', 'peer', 'ratio']);
    const pairs = lines.slice(d + 2, d + 2 + DEFAULT_PAIRS.length).map(cells);
    expect(pairs.map((c) => [c[0], c[3]])).toEqual(DEFAULT_PAIRS);
    for (const c of pairs) {
      expect(c).toHaveLength(5);
      const [ours, node] = [Number(c[1]), Number(c[2])];
      expect(ours).toBeGreaterThan(0);
      expect(node).toBeGreaterThan(0);
      expect(c[4]).toMatch(/^\d+\.\d\d×$/);
      // The ratio is computed from unrounded figures: it agrees with the printed ones to their rounding.
      expect(Number.parseFloat(c[4]!)).toBeCloseTo(node / ours, 0);
    }
    expect(lines[d + 2 + DEFAULT_PAIRS.length]).toBe('');

    const g = d + 3 + DEFAULT_PAIRS.length;
    expect(lines[g]).toBe('Generators by request size (best of 2 trials; ratio = crypto.getRandomValues ns ÷ this ns, > 1: faster than node:crypto; * at most 64 KiB per call)');
    expect(cells(lines[g + 1]!)).toEqual(['generator', 'size', 'ns/op', 'MB/s', 'ratio']);
    const rows = lines.slice(g + 2).map(cells);
    expect(rows).toHaveLength(GENERATORS.length * SIZES.length);
    expect(rows.map((c) => `${c[0]}|${c[1]}`)).toEqual(GENERATORS.flatMap((name) => LABELS.map((l) => `${name}${CAPPED.has(name) ? ' *' : ''}|${l}`)));
    for (const [i, c] of rows.entries()) {
      expect(c).toHaveLength(5);
      const bytes = SIZES[i % SIZES.length]!;
      const [ns, mbs] = [Number(c[2]), Number(c[3])];
      expect(ns).toBeGreaterThan(0);
      // MB/s = bytes ÷ ns × 1000, to the printed precision: both figures are rounded (three
      // significant digits), and a clean-clone CI run saw 2.1 % between them; 5 % still catches a
      // column computed from the wrong size or unit (those are off by 2× or more).
      expect(Math.abs(mbs - (bytes / ns) * 1000) / mbs).toBeLessThan(0.05);
      expect(c[4]).toMatch(/^\d+\.\d\d×$/);
      if (c[0] === 'crypto.getRandomValues *') expect(c[4]).toBe('1.00×');
    }
  });
});

describe('shimkit bench --json --svg FILE', () => {
  const svgFile = join(dir, 'chart.svg');
  let run: ReturnType<typeof shimkit>;
  let report: Report;
  let svg: ReturnType<DOMParser['parseFromString']>;
  beforeAll(() => {
    run = shimkit(['bench', '--quick', '--time-ms', '1', '--json', '--svg', svgFile]);
    report = JSON.parse(run.stdout) as Report;
    svg = new DOMParser({ onError: (level, message) => { throw new Error(`${level}: ${message}`); } }).parseFromString(readFileSync(svgFile, 'utf8'), 'image/svg+xml');
  });

  it('exits 0, says where the chart went, and leaves only the chart in its directory', () => {
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(`wrote ${svgFile}`);
    expect(readdirSync(dir)).toEqual(['chart.svg']);
  });

  it('prints the report as JSON with the expected keys and consistent figures', () => {
    expect(Object.keys(report)).toEqual(['environment', 'settings', 'defaultInstance', 'generators']);
    expect(Object.keys(report.environment)).toEqual(['node', 'platform', 'backend', 'osUnixPath', 'aes256Ctr', 'chacha20']);
    expect(report.environment).toMatchObject({ node: process.version, platform: `${process.platform}-${process.arch}`, backend: 'unix' });
    expect(report.settings).toEqual({ quick: true, trials: 2, trialNs: 1e6, rounds: 3, roundNs: 1e6, warmupNs: 1e6, pairWarmupNs: 1e6 });
    expect(report.defaultInstance.map((r) => [r.op, r.peer])).toEqual(DEFAULT_PAIRS);
    for (const r of report.defaultInstance) expect(r.ratio).toBeCloseTo(r.nodeNs / r.oursNs, 9);
    expect(report.generators.map((g) => g.name)).toEqual(GENERATORS);
    expect(report.generators.filter((g) => g.baseline).map((g) => g.name)).toEqual(['crypto.getRandomValues']);
    expect(report.generators.filter((g) => g.capped).map((g) => g.name)).toEqual([...CAPPED]);
    expect(new Set(report.generators.map((g) => g.source))).toEqual(new Set(['shimkit', 'node:crypto', '@noble/ciphers']));
    const base = report.generators.find((g) => g.baseline)!;
    for (const g of report.generators) {
      expect(g.points.map((p) => p.bytes)).toEqual(SIZES);
      for (const [i, p] of g.points.entries()) {
        expect(p.nsPerOp).toBeGreaterThan(0);
        expect(p.mbPerS).toBeCloseTo((p.bytes / p.nsPerOp) * 1000, 9);
        expect(p.ratio).toBeCloseTo(base.points[i]!.nsPerOp / p.nsPerOp, 9);
      }
    }
  });

  it('writes a valid SVG document: an <svg> root in the SVG namespace with a size', () => {
    const root = svg.documentElement!;
    expect(root.tagName).toBe('svg');
    expect(root.namespaceURI).toBe('http://www.w3.org/2000/svg');
    expect(Number(root.getAttribute('width'))).toBeGreaterThan(500);
    expect(Number(root.getAttribute('height'))).toBeGreaterThan(300);
    const texts = Array.from(svg.getElementsByTagName('text')).map((t) => t.textContent);
    expect(texts).toContain('Random bytes: throughput by request size');
    expect(texts).toContain('request size');
  });

  it('has one legend label per generator and peer, and one line path per series through its six request sizes', () => {
    const groups = Array.from(svg.getElementsByTagName('g'));
    const withClass = (...names: string[]): Element[] => groups.filter((g) => names.every((n) => (g.getAttribute('class') ?? '').split(' ').includes(n)));
    const legend = withClass('role-legend-label').flatMap((g) => Array.from(g.getElementsByTagName('text')).map((t) => t.textContent));
    expect(legend).toEqual(GENERATORS);

    const lines = withClass('mark-line', 'series-line');
    expect(lines).toHaveLength(GENERATORS.length);
    const styles = new Set<string>();
    for (const [i, line] of lines.entries()) {
      const paths = Array.from(line.getElementsByTagName('path'));
      expect(paths).toHaveLength(1);
      const path = paths[0]!;
      styles.add(`${path.getAttribute('stroke')} ${path.getAttribute('stroke-dasharray')}`);
      const points = /^M(.*)$/.exec(path.getAttribute('d')!)![1]!.split('L').map((xy) => xy.split(',').map(Number) as [number, number]);
      // x: log2 of the size over a 560-pixel axis from 16 B (x = 0) to 1 MiB (x = 560).
      expect(points.map(([x]) => x)).toEqual(SIZES.map((n) => 35 * (Math.log2(n) - 4)));
      // y: higher throughput is higher on the chart, in this run's figures (this series is the
      // i-th generator: the facet keeps the data's order).
      const mbs = report.generators[i]!.points.map((p) => p.mbPerS);
      for (let a = 0; a < SIZES.length; a++) {
        for (let b = 0; b < SIZES.length; b++) if (mbs[a]! > mbs[b]! * 1.01) expect(points[a]![1]).toBeLessThan(points[b]![1]);
      }
    }
    // Every series is drawn in its own colour and dash pattern.
    expect(styles.size).toBe(GENERATORS.length);
  });
});

describe('shimkit bench errors', () => {
  it('shimkit --help lists bench', () => {
    const r = shimkit(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^  bench \[options\] +benchmark the generators/m);
  });

  it('--help shows the options', () => {
    const r = shimkit(['bench', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: shimkit bench \[options\]/);
    for (const o of ['--quick', '--json', '--svg <FILE>', '--time-ms <MS>']) expect(r.stdout).toContain(o);
  });

  it('a bad --time-ms is a bad number (exit 3), one line, before anything is measured', () => {
    const r = shimkit(['bench', '--time-ms', '0']);
    expect(r).toEqual({ status: 3, stdout: '', stderr: "shimkit: option '--time-ms <MS>' argument '0' is invalid. 0 is out of range: expected 1 to 60000\n" });
  });

  it('--svg into a directory that does not exist is a missing file (exit 4), one line, before anything is measured', () => {
    const file = join(dir, 'no-such-dir', 'chart.svg');
    const r = shimkit(['bench', '--svg', file]);
    expect(r).toEqual({ status: 4, stdout: '', stderr: `shimkit: --svg ${file}: directory ${join(dir, 'no-such-dir')} does not exist\n` });
  });

  it('--svg naming a directory is a usage error (exit 2)', () => {
    const r = shimkit(['bench', '--svg', dir]);
    expect(r).toEqual({ status: 2, stdout: '', stderr: `shimkit: --svg ${dir}: is a directory\n` });
  });

  it('an unknown option is a usage error (exit 2)', () => {
    const r = shimkit(['bench', '--fast']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^shimkit: unknown option '--fast'.*\n$/);
  });
});

/**
 * `shimkit targets` and `shimkit tour`, fast subset (unix and xen: Node and QuickJS over the Xen
 * host simulator; solo5 runs the same QuickJS path, and the WASI component takes tens of seconds,
 * so `npm test` leaves them to the examples project): the built binary bundles the example
 * program per preset, runs each bundle on its host, prints one row per target, and a second run
 * reuses what the first built; the tour adds one function per executor (builtin, wasm, js,
 * python — Pyodide's cold start makes it the slow part) and the status.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'shimkit-targets-test-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function shimkit(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000, env: { ...process.env, SHIMKIT_BUILD_CACHE_DIR: cache, SHIMKIT_CACHE_DIR: cache } });
}

interface Row {
  target: string;
  host: string;
  bundleBytes: number;
  cached: boolean;
  report: { backend: string; random: string; seededFrom: string[]; sources: string[]; health: Record<string, string> };
}

describe('shimkit targets --only unix,xen', () => {
  let first: Row[] = [];

  it('builds each bundle, runs it on its host and reports it, with progress on stderr', () => {
    const r = shimkit(['targets', '--only', 'xen,unix', '--json']);
    expect(r.status, r.stderr).toBe(0);
    first = JSON.parse(r.stdout) as Row[];
    expect(first.map((row) => [row.target, row.host, row.report.backend, row.cached])).toEqual([
      ['unix', 'node', 'unix', false],
      ['xen', 'xen-abi', 'xen', false],
    ]);
    for (const row of first) {
      expect(row.report.random).toMatch(/^[0-9a-f]{64}$/);
      expect(row.bundleBytes).toBeGreaterThan(10_000);
      expect(row.report.seededFrom.length).toBeGreaterThan(0);
      for (const s of row.report.sources) expect(Object.keys(row.report.health)).toContain(s);
    }
    expect(first[0]!.report.seededFrom).toContain('os-random');
    expect(first[1]!.report.seededFrom).not.toContain('os-random'); // no OS RNG in a Xen guest
    expect(r.stderr.split('\n')).toEqual([
      '[1/2] unix: bundling with rollup (alias @shimkit/os-shim → @shimkit/os-unix)',
      expect.stringMatching(/^\[1\/2\] unix: built \(\d+ bytes\); running on node$/),
      '[2/2] xen: bundling with rollup (alias @shimkit/os-shim → @shimkit/os-xen)',
      expect.stringMatching(/^\[2\/2\] xen: built \(\d+ bytes\); running on xen-abi$/),
      '',
    ]);
  });

  it('a second run reuses the bundles it built (same bytes), and the bundles run afresh', () => {
    const r = shimkit(['targets', '--only', 'unix', '--only', 'xen', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const second = JSON.parse(r.stdout) as Row[];
    expect(second.map((row) => [row.target, row.cached, row.bundleBytes])).toEqual(first.map((row) => [row.target, true, row.bundleBytes]));
    expect(r.stderr).toContain('[1/2] unix: reused the cached bundle');
    for (const [i, row] of second.entries()) expect(row.report.random).not.toBe(first[i]!.report.random);
  });

  it('prints the table: one row per target, with size, backend, sources, seed, health and a sample', () => {
    const r = shimkit(['targets', '--only', 'unix,xen']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^target +host +bundle +backend +sources used +seeded from +health +sample output$/);
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^unix +node +\d+\.\d KiB +unix +\S+ +\S*os-random\S* +\d\/\d healthy.* [0-9a-f]{16}…$/);
    expect(lines[2]).toMatch(/^xen +xen-abi +\d+\.\d KiB +xen +\S+ +\S+ +\d\/\d healthy.* [0-9a-f]{16}…$/);
  });
});

describe('shimkit tour --only unix,xen', () => {
  it('prints the targets table, one function per executor with its deadline, output and time, then the status, and exits 0', () => {
    const r = shimkit(['tour', '--only', 'unix,xen']);
    expect(r.status, r.stderr).toBe(0);
    const out = r.stdout;
    expect(out.startsWith('== Targets: one program, linked for each preset, run on its host\n\ntarget ')).toBe(true);
    expect(out).toContain('\n== Executors: one function per executor, each with a deadline (`shimkit run`)\n\nexecutor  function        deadline  time');
    expect(out).toContain('\n== This machine: `shimkit status`\n\nbackend      unix, ');
    expect(out.indexOf('== Targets')).toBeLessThan(out.indexOf('== Executors'));
    expect(out.indexOf('== Executors')).toBeLessThan(out.indexOf('== This machine'));
    expect(out).toMatch(/^xen +xen-abi /m);
    // SHA-256("abc") (FIPS 180-4 B.1), the WAT module's line, the js output, the python value.
    expect(out).toMatch(/^builtin +builtin-digest +1000 ms +\d+\.\d ms +value "ba7816bf8f01cfea414140de5dae2223b00361a3…"$/m);
    expect(out).toMatch(/^wasm +hello +5000 ms +\d+\.\d ms +value "0"; stdout "hello from wasm on the shimkit WASI host"$/m);
    expect(out).toMatch(/^js +shout +5000 ms +\d+\.\d ms +value "js: 6 words"; output shout "ONE ENTROPY LIBRARY, MANY OPERATING SYSTEMS"$/m);
    expect(out).toMatch(/^python +reverse +10000 ms +\d+\.\d ms \(\+\d+\.\d s load\) +value "tikmihs"$/m);
    expect(r.stderr).toContain('[executors] python: loading Pyodide (the cold start takes seconds)\n');
    expect(r.stderr).toMatch(/^\[executors\] python: interpreter loaded in \d+\.\d s$/m);
  });
});

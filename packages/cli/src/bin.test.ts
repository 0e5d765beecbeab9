/**
 * The built `shimkit` binary (`dist/bin.js`), run as a user runs it: output shape, exit codes and
 * the one-line errors of every kind.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const cache = mkdtempSync(join(tmpdir(), 'shimkit-cli-test-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function shimkit(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'buffer', timeout: 240_000, env: { ...process.env, SHIMKIT_BUILD_CACHE_DIR: cache, SHIMKIT_CACHE_DIR: cache, ...env } });
  return { status: r.status, stdout: r.stdout.toString('utf8'), raw: r.stdout, stderr: r.stderr.toString('utf8') };
}

describe('shimkit --version, --help', () => {
  it('--version prints the package version', () => {
    const r = shimkit(['--version']);
    expect(r).toMatchObject({ status: 0, stdout: '0.0.0\n', stderr: '' });
  });

  it('--help lists every command and the exit codes; no command is a usage error with the help on stderr', () => {
    const r = shimkit(['--help']);
    expect(r.status).toBe(0);
    for (const cmd of ['status', 'rand', 'uuid', 'int', 'targets', 'run', 'bench', 'cache', 'tour']) expect(r.stdout).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    expect(r.stdout).toContain(
      'Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad number, 4 missing file, 5 a target failed, 6 no entropy; `run`: 7 trap, 8 timeout, 9 memory cap, 10 non-zero exit, 11 function error, 12 invalid payload, 13 link, 14 io, 15 limit; `cache`: 16 cache directory unusable.',
    );
    const none = shimkit([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('Usage: shimkit [options] [command]');
  });

  it.each([
    ['status', '--json'],
    ['rand', '--raw'],
    ['uuid', '--count <K>'],
    ['int', '<MAX>'],
    ['targets', '--only <T>'],
    ['tour', '--only <T>'],
    ['cache', '[action]'],
  ])('%s --help shows its usage and options', (cmd, option) => {
    const r = shimkit([cmd, '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Usage: shimkit ${cmd} `));
    expect(r.stdout).toContain(option);
  });
});

describe('shimkit rand, uuid, int', () => {
  it('rand N prints N bytes as one line of hex (default), base64, or raw bytes', () => {
    const hex = shimkit(['rand', '32']);
    expect(hex.status).toBe(0);
    expect(hex.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(shimkit(['rand', '32', '--hex']).stdout).not.toBe(hex.stdout);
    const b64 = shimkit(['rand', '30', '--base64']);
    expect(b64.stdout).toMatch(/^[A-Za-z0-9+/]{40}\n$/);
    const raw = shimkit(['rand', '1M', '--raw']);
    expect(raw.status).toBe(0);
    expect(raw.raw.length).toBe(1 << 20);
    expect(shimkit(['rand', '0']).stdout).toBe('\n');
    expect(shimkit(['rand', '0', '--raw']).raw.length).toBe(0);
  });

  it('rand streams: a reader that closes the pipe early ends it with exit code 0', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" rand 4G --raw | head -c 16 | wc -c`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('16');
    expect(r.status).toBe(0);
  });

  it('uuid -n K prints K distinct version-4 UUIDs', () => {
    const r = shimkit(['uuid', '-n', '50']);
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(50);
    for (const u of lines) expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(lines).size).toBe(50);
    expect(shimkit(['uuid']).stdout).toMatch(/^[0-9a-f-]{36}\n$/);
  });

  it('int MIN MAX -n K prints K integers in [MIN, MAX), negative bounds included', () => {
    const r = shimkit(['int', '1', '7', '-n', '3000']);
    expect(r.status).toBe(0);
    const values = r.stdout.trimEnd().split('\n').map(Number);
    expect(values).toHaveLength(3000);
    expect([...new Set(values)].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const neg = shimkit(['int', '-10', '-8', '--count', '200']);
    expect([...new Set(neg.stdout.trimEnd().split('\n').map(Number))].sort()).toEqual([-10, -9]);
  });
});

describe('errors: one line on stderr, an exit code per kind, no stack trace', () => {
  it.each([
    // usage (2)
    [['bogus'], 2, "shimkit: unknown command 'bogus'"],
    [['rand'], 2, "shimkit: missing required argument 'N'"],
    [['rand', '5', '--hexx'], 2, "shimkit: unknown option '--hexx' (Did you mean --hex?)"],
    [['rand', '5', '--hex', '--raw'], 2, "shimkit: option '--hex' cannot be used with option '--raw'"],
    [['uuid', 'extra'], 2, "shimkit: too many arguments for 'uuid'. Expected 0 arguments but got 1."],
    [['targets', '--only', 'dos'], 2, 'shimkit: unknown target "dos"; targets: unix, xen, solo5, wasi, web'],
    // bad number (3)
    [['rand', '1e3'], 3, 'shimkit: command-argument value \'1e3\' is invalid for argument \'N\'. not a byte count: "1e3" (use an integer, optionally with K, M or G)'],
    [['rand', '-1'], 3, 'shimkit: command-argument value \'-1\' is invalid for argument \'N\'. not a byte count: "-1" (use an integer, optionally with K, M or G)'],
    [['uuid', '-n', '0'], 3, "shimkit: option '-n, --count <K>' argument '0' is invalid. 0 is out of range: expected 1 to 10000000"],
    [['int', '1.5', '3'], 3, 'shimkit: command-argument value \'1.5\' is invalid for argument \'MIN\'. not an integer: "1.5"'],
    [['int', '0', '9007199254740993'], 3, "shimkit: command-argument value '9007199254740993' is invalid for argument 'MAX'. 9007199254740993 is beyond ±2^53 − 1"],
    [['int', '5', '1'], 3, 'shimkit: MAX must be greater than MIN (got 5 1)'],
    [['int', '0', '281474976710657'], 3, 'shimkit: MAX − MIN is 281474976710657; at most 2^48 = 281474976710656'],
  ] as const)('%j → exit %i', (args, code, line) => {
    const r = shimkit([...args]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`${line}\n`);
    expect(r.status).toBe(code);
  });

  it('a missing program file → exit 4, naming the file', () => {
    const empty = mkdtempSync(join(tmpdir(), 'shimkit-no-examples-'));
    try {
      const r = shimkit(['targets', '--only', 'xen'], { SHIMKIT_EXAMPLES_DIR: empty });
      expect(r.status).toBe(4);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines.at(-1)).toBe(`shimkit: missing file: ${join(empty, 'program', 'main.js')} (run shimkit from a clone of the shimkit repository)`);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('shimkit status', () => {
  it('prints the backend, generator, seeding and one row per source', () => {
    const r = shimkit(['status']);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^backend {6}unix, (native \(addon .+\.node\)|fallback \(pure JS: .+\))$/m);
    expect(r.stdout).toMatch(/^generator {4}\S+ front over fortuna; AES-256-CTR /m);
    expect(r.stdout).toMatch(/^seeded {7}yes, from \S+/m);
    expect(r.stdout).toMatch(/^source +available +healthy +health +samples +failures +bytes fed +detail$/m);
    for (const source of ['bootstrap', 'os-random', 'loop-timer', 'cpu-rng']) expect(r.stdout).toMatch(new RegExp(`^${source} +(yes|no) `, 'm'));
  });

  it('--json prints the backend and entropy reports', () => {
    const r = shimkit(['status', '--json']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { backend: { backend: string; path: string }; entropy: { backend: string; initialized: boolean; seededFrom: string[]; sources: { name: string }[] } };
    expect(report.backend.backend).toBe('unix');
    expect(['native', 'fallback']).toContain(report.backend.path);
    expect(report.entropy.backend).toBe('unix');
    expect(report.entropy.initialized).toBe(true);
    expect(report.entropy.seededFrom).toContain('os-random');
    expect(report.entropy.sources.map((s) => s.name)).toEqual(['bootstrap', 'os-random', 'loop-timer', 'cpu-rng']);
  });

  it('without the addon it reports the fallback and why', () => {
    const r = shimkit(['status', '--json'], { SHIMKIT_NO_ADDON: '1' });
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { backend: { path: string; addon: { loaded: boolean; reason: string } } };
    expect(report.backend.path).toBe('fallback');
    expect(report.backend.addon.loaded).toBe(false);
    expect(report.backend.addon.reason).toContain('SHIMKIT_NO_ADDON');
  });
});

/**
 * `shimkit run`, through the built binary (`dist/bin.js`) as a user runs it: builtins by name,
 * .js / .mjs / .wasm / .py files, outputs written only on success with exact bytes and nothing
 * left behind on failure, and the exit code of every fault kind and user mistake.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileWat } from './commands/tour-executors.js';

const BIN = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'shimkit-run-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shimkit(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'buffer', timeout: 120_000, cwd: dir });
  return { status: r.status, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8') };
}

/** A fresh empty directory for one test's outputs. */
function outDir(name: string): string {
  const d = join(dir, name);
  mkdirSync(d);
  return d;
}

const file = (name: string, text: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const WAT_TRAP = `(module (memory (export "memory") 1) (func (export "_start") unreachable))`;
const WAT_EXIT3 = `(module
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (func (export "_start") (call $exit (i32.const 3))))`;
const WAT_LINK = `(module (import "env" "nope" (func)) (memory (export "memory") 1) (func (export "_start")))`;
const WAT_LOOP = `(module (memory (export "memory") 1) (func (export "_start") (loop $l (br $l))))`;

beforeAll(async () => {
  file('trap.wasm', await compileWat(WAT_TRAP));
  file('exit3.wasm', await compileWat(WAT_EXIT3));
  file('loop.wasm', await compileWat(WAT_LOOP));
  file('link.wasm', await compileWat(WAT_LINK));
  file('garbage.wasm', 'not a module');
  file('abc.txt', 'abc');
  file('throws.mjs', `export function entrypoint(args, ctx) { ctx.write('o', 'partial'); throw new Error('boom ' + args.x); }`);
  file('recurse.js', 'function down(n) { return down(n + 1) + 1; }\nexport function entrypoint() { return down(0); }');
  file('spin.js', 'export function entrypoint() { while (true) {} }');
  file('bomb.js', `export function entrypoint() { let s = 'x'; for (;;) s = s + s; }`);
  file('upper.js', `export function entrypoint(args, ctx) { ctx.write('o', ctx.readText('i').toUpperCase() + args.tail); return 'ok'; }`);
  file('notes.txt', 'not a function');
  file(
    'tag.py',
    [
      'def entrypoint(argv):',
      "    assert argv[0] == 'prefix'",
      "    with teaclave_open('lines', 'rb') as src, teaclave_open('tagged', 'wb') as dst:",
      '        for line in src.readlines():',
      '            dst.write(argv[1].encode() + line)',
      "    print('tagged')",
      "    return 'done'",
      '',
    ].join('\n'),
  );
});

describe('shimkit run: success', () => {
  it('a builtin with an argument prints its value alone and exits 0', () => {
    expect(shimkit(['run', 'builtin-echo', '--arg', 'message=hi there'])).toEqual({ status: 0, stdout: 'hi there\n', stderr: '' });
  });

  it('--output is written with the exact bytes (SHA-256 of "abc", FIPS 180-4 B.1), and no temporary file stays', () => {
    const out = outDir('digest');
    const r = shimkit(['run', 'builtin-digest', '--input', `input=${join(dir, 'abc.txt')}`, '--output', `digest=${join(out, 'abc.sha256')}`]);
    expect(r).toEqual({ status: 0, stdout: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n', stderr: '' });
    expect(readFileSync(join(out, 'abc.sha256')).toString('hex')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(readdirSync(out)).toEqual(['abc.sha256']);
  });

  it('a .js file with an input, an argument and an output; --json prints one object', () => {
    const out = outDir('upper');
    const r = shimkit(['run', join(dir, 'upper.js'), '--input', `i=${join(dir, 'abc.txt')}`, '--arg', 'tail=!', '--output', `o=${join(out, 'o.txt')}`, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({ ok: true, value: 'ok', outputs: { o: { path: join(out, 'o.txt'), bytes: 4 } }, stdout: '', stderr: '' });
    expect((report.usage as { wallNs: number }).wallNs).toBeGreaterThan(0);
    expect(readFileSync(join(out, 'o.txt'), 'utf8')).toBe('ABC!');
    expect(readdirSync(out)).toEqual(['o.txt']);
  });

  it('builtin-random-bytes --json: a hex value of the requested length', () => {
    const r = shimkit(['run', 'builtin-random-bytes', '--arg', 'length=16', '--json']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, value: expect.stringMatching(/^[0-9a-f]{32}$/), outputs: {} });
  });

  it('a .py file in Teaclave form: value on stdout, its print under the stdout marker on stderr, the output file exact', () => {
    const out = outDir('python');
    const r = shimkit(['run', join(dir, 'tag.py'), '--arg', 'prefix=> ', '--input', `lines=${file('lines.txt', 'a\nb\n')}`, '--output', `tagged=${join(out, 'tagged.txt')}`, '--timeout', '10000']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('done\n');
    expect(r.stderr).toBe('shimkit: loading the Python interpreter (Pyodide: seconds the first time, faster from the snapshot in the cache after that)…\n--- function stdout ---\ntagged\n---\n');
    expect(readFileSync(join(out, 'tagged.txt'), 'utf8')).toBe('> a\n> b\n');
    expect(readdirSync(out)).toEqual(['tagged.txt']);
  });
});

describe('shimkit run: a failed call has the exit code of its kind and leaves no output', () => {
  it.each([
    // [file, extra args, exit code, last stderr line]
    ['throws.mjs', ['--arg', 'x=1'], 11, 'shimkit: error: Error: boom 1'],
    ['trap.wasm', [], 7, /^shimkit: trap: .*unreachable/],
    ['recurse.js', [], 7, /^shimkit: trap: stack overflow/],
    ['exit3.wasm', [], 10, /^shimkit: exit: .* \(exit status 3\)$/],
    ['spin.js', ['--timeout', '200'], 8, /^shimkit: timeout: the call passed its deadline of 200 ms/],
    ['loop.wasm', ['--timeout', '200'], 8, /^shimkit: timeout: the call passed its deadline of 200 ms/],
    ['bomb.js', ['--memory', '32', '--timeout', '20000'], 9, /^shimkit: memory: /],
    ['garbage.wasm', [], 12, /^shimkit: invalid: .*\[ERR_INVALID_MODULE\]$/],
    ['link.wasm', [], 13, /^shimkit: link: .*env\.nope/],
  ] as const)('%s %j → exit %i, output not created', (name, extra, code, line) => {
    const out = outDir(`fail-${name}`);
    const r = shimkit(['run', join(dir, name), ...extra, '--output', `o=${join(out, 'o.bin')}`]);
    expect(r.stdout).toBe('');
    const last = r.stderr.trimEnd().split('\n').at(-1)!;
    if (typeof line === 'string') expect(last).toBe(line);
    else expect(last).toMatch(line);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.status).toBe(code);
    expect(readdirSync(out)).toEqual([]);
  });

  it('--json on failure: one object with the kind, and the exit code of the kind', () => {
    const r = shimkit(['run', join(dir, 'spin.js'), '--timeout', '200', '--json']);
    expect(r.status).toBe(8);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, kind: 'timeout', message: 'the call passed its deadline of 200 ms (script interrupted)' });
    expect(r.stderr).toBe('shimkit: timeout: the call passed its deadline of 200 ms (script interrupted)\n');
  });
});

describe('shimkit run: user mistakes are one line on stderr', () => {
  it.each([
    [['run', 'builtin-nope'], 2, /^shimkit: unknown function "builtin-nope"; builtins: builtin-echo, .*builtin-digest; or a \.wasm, \.py, \.js or \.mjs file$/],
    [['run', 'notes.txt'], 2, 'shimkit: cannot run "notes.txt": use a .wasm, .py, .js or .mjs file, or a builtin name'],
    [['run', 'builtin-echo', '--arg', 'nope=1'], 2, 'shimkit: argument "nope" is not declared by function "builtin-echo" (ERR_UNDECLARED_ARGUMENT)'],
    [['run', 'builtin-echo'], 2, 'shimkit: function "builtin-echo" needs argument "message" (it has no default) (ERR_MISSING_ARGUMENT)'],
    [['run', 'builtin-echo', '--arg', 'message'], 2, 'shimkit: --arg expects NAME=VALUE, got "message"'],
    [['run', 'builtin-echo', '--arg', 'message=a', '--arg', 'message=b'], 2, 'shimkit: --arg message is given twice'],
    [['run', 'builtin-digest', '--input', 'input=abc.txt', '--input', 'extra=abc.txt'], 2, 'shimkit: input "extra" is not declared by function "builtin-digest" (ERR_UNDECLARED_INPUT)'],
    [['run'], 2, "shimkit: missing required argument 'FUNCTION|FILE'"],
    [['run', 'builtin-echo', '--timeout', '0'], 3, "shimkit: option '--timeout <ms>' argument '0' is invalid. 0 is out of range: expected 1 to 2147483647"],
    [['run', 'builtin-echo', '--memory', 'lots'], 3, 'shimkit: option \'--memory <MiB>\' argument \'lots\' is invalid. not an integer: "lots"'],
    [['run', 'missing.js'], 4, 'shimkit: missing file: missing.js (function file: no such file)'],
    [['run', 'builtin-digest', '--input', 'input=absent.txt'], 4, 'shimkit: missing file: absent.txt (input input: no such file)'],
    [['run', 'builtin-digest', '--input', 'input=abc.txt', '--output', 'digest=no/such/dir/d.bin'], 4, `shimkit: missing file: ${join(dir, 'no/such/dir')} (directory of output no/such/dir/d.bin: no such directory)`],
  ] as const)('%j → exit %i', (args, code, line) => {
    const r = shimkit([...args]);
    expect(r.stdout).toBe('');
    if (typeof line === 'string') expect(r.stderr).toBe(`${line}\n`);
    else expect(r.stderr.trimEnd()).toMatch(line);
    expect(r.status).toBe(code);
  });

  it('run --help lists the flags and the exit codes', () => {
    const r = shimkit(['run', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: shimkit run \[options\] <FUNCTION\|FILE>/);
    for (const flag of ['--arg <k=v>', '--input <name=path>', '--output <name=path>', '--timeout <ms>', '--memory <MiB>', '--json']) expect(r.stdout).toContain(flag);
    expect(r.stdout).toContain('`run`: 7 trap, 8 timeout, 9 memory cap, 10 non-zero exit, 11 function error, 12 invalid payload, 13 link, 14 io, 15 limit; `cache`: 16 cache directory unusable.');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, fault, ok, text } from '../../test/support.js';
import { DiskCache } from '../cache/disk-cache.js';
import { defineFunction, type FunctionSpec } from '../function.js';
import { createRegistry, type RunOptions } from '../registry.js';
import { pythonCacheEngine, pythonExecutor } from './executor.js';

// Pyodide starts in seconds: one pool per executor, each interpreter used for exactly one call.
// The first interpreter loads cold and makes the snapshot; the others are restored from it (so
// these tests run on both kinds), kept in a DiskCache in a directory of the test's own.
const cacheDir = mkdtempSync(join(tmpdir(), 'shimkit-python-test-'));
const cache = new DiskCache({ dir: cacheDir, engine: pythonCacheEngine() });
const python = pythonExecutor({ cache });
const seeded = pythonExecutor({ sources: new URL('../../test/deterministic-sources.mjs', import.meta.url), cache });
const registry = createRegistry({ executors: [python] });
const seededRegistry = createRegistry({ executors: [seeded] });
const MiB = 2 ** 20;
beforeAll(async () => {
  await python.warmUp(256 * MiB);
}, 120_000);
afterAll(async () => {
  await python.close();
  await seeded.close();
  rmSync(cacheDir, { recursive: true, force: true });
});

const fn = (source: string, extra: Partial<FunctionSpec> = {}) => defineFunction({ name: 'payload', executorType: 'python', payload: bytes(source), ...extra });
const run = (source: string, options: RunOptions = {}, extra: Partial<FunctionSpec> = {}, task: Record<string, unknown> = {}) =>
  registry.run({ function: fn(source, extra), ...task }, { deadlineMs: 60_000, memoryBytes: 256 * MiB, ...options });

const next = async () => expect(ok(await run('def entrypoint(argv):\n    return "still here"\n')).value).toBe('still here');

describe('python executor: Teaclave MesaPy payloads', () => {
  it('echo: entrypoint(argv) with the flattened arguments; the return value is the result', async () => {
    const src = `def entrypoint(argv):
    assert argv[0] == 'message'
    assert argv[1] is not None
    print('echoing', len(argv[1]), 'characters')
    return argv[1]
`;
    const r = ok(await run(src, {}, { arguments: [{ key: 'message' }] }, { arguments: { message: 'Hello, Teaclave!' } }));
    expect(r.value).toBe('Hello, Teaclave!');
    expect(text(r.stdout)).toBe('echoing 16 characters\n');
  });

  it('optional inputs: a bound input reads, a missing one raises inside the script; a line-by-line read feeds a written output', async () => {
    const src = `def summarize(name):
    try:
        with teaclave_open(name, 'rb') as f:
            lines = []
            line = f.readline()
            while line:
                lines.append(line.rstrip(b'\\n'))
                line = f.readline()
            return lines
    except FileNotFoundError as e:
        return None

def entrypoint(argv):
    a = summarize('input_a')
    b = summarize('input_b')
    with teaclave_open('output', 'wb') as out:
        for line in (a or []):
            out.write(line.upper() + b'\\n')
    return 'a=%s b=%s' % ('missing' if a is None else len(a), 'missing' if b is None else len(b))
`;
    const spec = { inputs: [{ name: 'input_a', optional: true }, { name: 'input_b', optional: true }], outputs: [{ name: 'output' }] };
    const r = ok(await run(src, {}, spec, { inputs: { input_a: bytes('alpha\nbeta\ngamma\n') }, outputs: ['output'] }));
    expect(r.value).toBe('a=3 b=missing');
    expect(text(r.outputs.output!)).toBe('ALPHA\nBETA\nGAMMA\n');
  });

  it('readlines and text mode, and an output left unwritten is not an output', async () => {
    const src = `def entrypoint(argv):
    with teaclave_open('words', 'r') as f:
        words = [w.strip() for w in f.readlines()]
    with teaclave_open('joined', 'w') as f:
        f.write(','.join(sorted(words)))
    return str(len(words))
`;
    const r = ok(await run(src, {}, { inputs: [{ name: 'words' }], outputs: [{ name: 'joined' }] }, { inputs: { words: bytes('pear\napple\nfig\n') }, outputs: ['joined'] }));
    expect(r.value).toBe('3');
    expect(text(r.outputs.joined!)).toBe('apple,fig,pear');
  });

  it('an exception is kind error, and what was written before it is not committed', async () => {
    const src = `def entrypoint(argv):
    with teaclave_open('output', 'wb') as f:
        f.write(b'partial')
    raise ValueError('bad record on line 3')
`;
    const r = fault(await run(src, {}, { outputs: [{ name: 'output' }] }, { outputs: ['output'] }));
    expect(r.kind).toBe('error');
    expect(r.message).toBe('ValueError: bad record on line 3');
    expect('outputs' in r).toBe(false);
  });

  it('writing an undeclared output raises PermissionError inside the script', async () => {
    const src = `def entrypoint(argv):
    try:
        teaclave_open('elsewhere', 'wb')
    except PermissionError as e:
        return 'refused: ' + str(e)
`;
    expect(ok(await run(src)).value).toBe("refused: no output named 'elsewhere' is bound to this task");
  });

  it('stdout past its cap is kind limit, with what fitted kept', async () => {
    const r = fault(await run('def entrypoint(argv):\n    for i in range(100):\n        print("0123456789")\n', { streamBytes: 55 }));
    expect(r.kind).toBe('limit');
    expect(text(r.stdout)).toBe('0123456789\n'.repeat(5));
  });

  it('a dead loop is cancelled at the deadline (interrupt buffer) and the host carries on', async () => {
    const r = fault(await run('def entrypoint(argv):\n    while True:\n        pass\n', { deadlineMs: 1500 }));
    expect(r.kind).toBe('timeout');
    await next();
  });

  it('a sleep the interrupt does not reach (pyodide#6082) is ended by terminating the worker', async () => {
    const r = fault(await run('import time\ndef entrypoint(argv):\n    time.sleep(600)\n    return "woke"\n', { deadlineMs: 1000 }));
    expect(r.kind).toBe('timeout');
    await next();
  });

  it('unbounded allocation stops at the memory cap (kind memory) and the host carries on', async () => {
    const r = fault(await run('def entrypoint(argv):\n    keep = []\n    while True:\n        keep.append(bytearray(1 << 20))\n', { memoryBytes: 96 * MiB }));
    expect(r.kind).toBe('memory');
    expect(r.code).toBe('ERR_MEMORY_CAP');
    expect(r.message).toMatch(/MemoryError/u);
    await next();
  });
});

describe('python executor: randomness and time from the call sources', () => {
  const src = `import os, random, secrets, uuid, time
def entrypoint(argv):
    return repr([os.urandom(16).hex(), random.random(), secrets.token_hex(8), str(uuid.uuid4()), time.time(), time.monotonic()])
`;
  it('a seeded deterministic generator makes os.urandom, random, secrets and uuid4 reproducible; time reads the fixed clock', async () => {
    const a = ok(await seededRegistry.run({ function: fn(src) }, { deadlineMs: 60_000 }));
    const b = ok(await seededRegistry.run({ function: fn(src) }, { deadlineMs: 60_000 }));
    expect(a.value).toBe(b.value);
    // deterministic-sources.mjs: wall 1_700_000_000.123456789 s (Date.now has ms), monotonic frozen.
    expect(a.value).toMatch(/, 1700000000\.123\d*, 0\.0\]$/u);
    const c = ok(await run(src));
    expect(c.value.slice(0, 40)).not.toBe(a.value.slice(0, 40));
  });
});

describe('python executor: isolation', () => {
  it('loads offline from the installed package: no network call, indexURL inside node_modules/pyodide', async () => {
    const report = await python.warmUp(256 * MiB);
    expect(report.networkAttempts).toBe(0);
    expect(report.indexURL).toMatch(/\/node_modules\/pyodide\/$/u);
  });

  it('import js reaches no host global, run_js and the Function constructor are refused, no host file system, no network', async () => {
    const src = `import js, os
def entrypoint(argv):
    out = [hasattr(js, 'process'), hasattr(js, 'require'), hasattr(js, 'fetch'), hasattr(js, 'globalThis')]
    try:
        from pyodide.code import run_js
        out.append(str(run_js('typeof process')))
    except Exception as e:
        out.append(type(e).__name__)
    try:
        import pyodide_js
        out.append('pyodide_js reachable')
    except ImportError as e:
        out.append(type(e).__name__)
    from pyodide.ffi import to_js
    try:
        out.append(str(to_js([]).constructor.constructor('return typeof process')()))
    except Exception as e:
        out.append(str(e).split('\\n')[0].split(': ')[-1])
    out.append(sorted(os.listdir('/')))
    out.append(os.path.exists('/work') or os.path.exists('/etc/passwd'))
    try:
        import urllib.request
        urllib.request.urlopen('http://127.0.0.1:9/')
        out.append('network reachable')
    except Exception as e:
        out.append('no network')
    return repr(out)
`;
    const r = ok(await run(src));
    expect(r.value).toBe(
      "[False, False, False, False, 'ImportError', 'ModuleNotFoundError', 'code generation from strings is disabled in the python executor', ['dev', 'home', 'lib', 'proc', 'tmp'], False, 'no network']",
    );
  });

  it('nothing leaks from one task to the next (fresh interpreter per call)', async () => {
    const first = `import builtins, json, sys
def entrypoint(argv):
    builtins.LEAK = 'x'
    json.LEAK = 'y'
    sys.modules['leaky'] = json
    return 'set'
`;
    const second = `import builtins, json, sys
def entrypoint(argv):
    return repr([hasattr(builtins, 'LEAK'), hasattr(json, 'LEAK'), 'leaky' in sys.modules, 'first' in globals()])
`;
    expect(ok(await run(first)).value).toBe('set');
    expect(ok(await run(second)).value).toBe('[False, False, False, False]');
  });
});

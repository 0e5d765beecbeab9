import { readFileSync } from 'node:fs';
import { createUnsafeDeterministicRandom } from '../../test/unsafe-random.mjs';
import { describe, expect, it } from 'vitest';
import { bytes, text, vector, wasm } from '../../test/support.js';
import { fixedClock } from '../sources.js';
import { MemoryFileSystem } from './fs-memory.js';
import { WASI_PREVIEW1_FUNCTIONS, WasiHost } from './host.js';

function runCommand(name: string, host: WasiHost): number {
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm(name) as BufferSource), host.imports as WebAssembly.Imports);
  return host.start(instance);
}

const suiteHost = () =>
  new WasiHost({
    args: ['suite', 'a', 'b'],
    env: { GREETING: 'hi' },
    stdin: bytes('stdin!'),
    preopens: { '/': MemoryFileSystem.forTask(new Map([['in.txt', bytes('hello input')]]), ['out.txt'], { now: () => 42n }) },
    random: createUnsafeDeterministicRandom(bytes('suite')),
  });

describe('WASI preview 1 host', () => {
  it('implements every function of wasi-libc\'s wasi/api.h (the witx) plus proc_raise', () => {
    const header = readFileSync('/usr/include/wasm32-wasi/wasi/api.h', 'utf8');
    const declared = [...header.matchAll(/__import_name__\("([a-z_0-9]+)"\)/gu)].map((m) => m[1]);
    const fromWrappers = [...header.matchAll(/__wasi_errno_t __wasi_([a-z_0-9]+)\(|_Noreturn void __wasi_([a-z_0-9]+)\(/gu)].map((m) => m[1] ?? m[2]);
    const names = new Set([...declared, ...fromWrappers]);
    expect(names.size).toBe(45);
    for (const n of names) expect(WASI_PREVIEW1_FUNCTIONS).toContain(n);
    expect(WASI_PREVIEW1_FUNCTIONS).toHaveLength(46);
    expect(Object.keys(suiteHost().imports.wasi_snapshot_preview1).sort()).toEqual([...WASI_PREVIEW1_FUNCTIONS].sort());
  });

  it('passes the C suite (test/c/wasi/wasi_suite.c): every function, with the spec\'s errnos', () => {
    const host = suiteHost();
    expect(runCommand('wasi_suite', host)).toBe(0);
    const got = text(host.stdout()).trimEnd().split('\n');
    const want = text(vector('wasi_suite.expected.txt')).trimEnd().split('\n');
    expect(got).toEqual(want);
  });

  it('captures stdin, stdout and stderr per call, with args and env from the task', () => {
    const host = new WasiHost({ args: ['prog', 'x y'], env: { GREETING: 'grüezi' }, stdin: bytes('abc\ndef') });
    expect(runCommand('stdio', host)).toBe(0);
    expect(text(host.stdout())).toBe('ABC\nDEFargv[0]=prog\nargv[1]=x y\nGREETING=grüezi\n');
    expect(text(host.stderr())).toBe('read 7 bytes\n');
  });

  it('a stream past its cap ends the call as kind limit', () => {
    const host = new WasiHost({ stdin: new Uint8Array(5000).fill(97), streamBytes: 1000 });
    expect(() => runCommand('stdio', host)).toThrow(expect.objectContaining({ kind: 'limit' }));
  });

  it('hostile pointers give errnos, never a host exception', () => {
    const host = new WasiHost({ preopens: { '/': new MemoryFileSystem() } });
    expect(runCommand('wasi_misuse', host)).toBe(0);
    // EFAULT (21): fd_write's iovec array out of memory, path_open's path past the end,
    // fd_readdir's buffer past the end, poll_oneoff's subscriptions past the end, clock_time_get's
    // result straddling the end, random_get of 4 GiB − 1. Success (0): args_get with no arguments
    // writes nothing; the 1-byte preopen name "/" fits at the last byte.
    expect([...host.stdout()]).toEqual([21, 21, 21, 0, 21, 21, 0, 21]);
  });

  it('random_get draws from the injected generator; clocks from the injected clock', () => {
    const run = () => {
      const host = new WasiHost({ random: createUnsafeDeterministicRandom(bytes('replay')), clock: fixedClock(1_700_000_000_123_456_789n, 5_000n), sleep: () => {} });
      expect(runCommand('replay', host)).toBe(0);
      return text(host.stdout());
    };
    const first = run();
    const want = Buffer.from(createUnsafeDeterministicRandom(bytes('replay')).randomBytes(32)).toString('hex');
    expect(first).toBe(`${want}\nrealtime=1700000000123456789 monotonic=5000 cputime=0\ntime=1700000000\n`);
    expect(run()).toBe(first);
  });

  it('poll_oneoff sleeps on the injected sleep for the earliest clock subscription', () => {
    const slept: bigint[] = [];
    const host = new WasiHost({ clock: fixedClock(0n, 0n), sleep: (ns) => slept.push(ns) });
    runCommand('replay', host);
    expect(slept).toEqual([1_000_000n]);
  });
});

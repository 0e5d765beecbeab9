import { describe, expect, it } from 'vitest';
import { createUnsafeDeterministicRandom } from '../test/unsafe-random.mjs';
import { bytes, text, wasm } from '../test/support.js';
import { defaultCacheDir } from './cache/disk-cache.js';
import { createRegistry, defineFunction, fixedClock } from './index.js';

describe('the default registry', () => {
  const registry = createRegistry();
  it('has builtin, wasm, js and python registered', () => {
    expect(registry.names().sort()).toEqual(['builtin', 'javascript', 'js', 'mesapy', 'python', 'quickjs', 'wamr', 'wasm']);
  });
  it('runs a js function and a Teaclave python function with a deadline and a memory cap', async () => {
    const js = defineFunction({ name: 'greet', executorType: 'js', payload: bytes('export const entrypoint = (args) => `hello ${args.name}`;'), arguments: [{ key: 'name' }] });
    const py = defineFunction({ name: 'echo', executorType: 'python', payload: bytes('def entrypoint(argv):\n    return argv[1][::-1]\n'), arguments: [{ key: 'message' }] });
    const limits = { deadlineMs: 60_000, memoryBytes: 128 * 2 ** 20 };
    expect(registry.status().python).toEqual({ loaded: false });
    const a = await registry.run({ function: js, arguments: { name: 'ada' } }, limits);
    const b = await registry.run({ function: py, arguments: { message: 'teaclave' } }, limits);
    expect(a.ok && a.value).toBe('hello ada');
    expect(b.ok && b.value).toBe('evalcaet');
    // After the first call: the python executor's own report, forwarded.
    const python = registry.status().python as { loaded: boolean; snapshot: string; interpreters: { restored: number; cold: number }; disk?: { dir: string } };
    expect(python.loaded).toBe(true);
    expect(['loaded from disk', 'made this process']).toContain(python.snapshot);
    expect(python.interpreters.restored + python.interpreters.cold).toBeGreaterThanOrEqual(1);
    expect(python.disk?.dir).toBe(defaultCacheDir());
  }, 120_000);
});

describe('the default wasm runner on Node: the shared worker pool', () => {
  const faults = defineFunction({ name: 'faults', executorType: 'wasm', payload: wasm('faults'), arguments: [{ key: 'mode' }] });
  const answer = defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm('trivial') });

  it('runs wasm calls on the pool: an infinite loop is stopped at the deadline, status shows the pool and the cache', async () => {
    const registry = createRegistry();
    // Warm: load the pool and start its workers, so the loop below is running when its deadline passes.
    expect(await registry.run({ function: answer })).toMatchObject({ ok: true, value: '42' });
    expect(await registry.run({ function: faults, arguments: { mode: 'trap' } })).toMatchObject({ ok: false, kind: 'trap' });
    const loop = await registry.run({ function: faults, arguments: { mode: 'loop' } }, { deadlineMs: 300 });
    expect(loop).toMatchObject({ ok: false, kind: 'timeout' });
    expect(await registry.run({ function: answer })).toMatchObject({ ok: true, value: '42' });
    const status = registry.status().wasm as { runner: Record<string, unknown>; moduleCache: Record<string, number> };
    expect(status.runner).toMatchObject({ kind: 'worker pool', postedBytes: 0 });
    expect(status.runner.workers).toBeGreaterThan(0);
    expect(status.runner.terminatedAfterAbort).toBeGreaterThanOrEqual(1);
    expect(status.moduleCache.entries).toBeGreaterThanOrEqual(2);
  });

  it('a call with an injected clock and random source runs in this thread with them (replayable output)', async () => {
    const replay = defineFunction({ name: 'replay', executorType: 'wasm', payload: wasm('replay') });
    const run = () =>
      createRegistry({ random: createUnsafeDeterministicRandom(bytes('replay')), clock: fixedClock(1_700_000_000_123_456_789n, 5000n) }).run({ function: replay });
    const [a, b] = [await run(), await run()];
    expect(a.ok && b.ok).toBe(true);
    expect(text(a.stdout)).toBe(text(b.stdout));
    expect(text(a.stdout)).toContain('realtime=1700000000123456789 monotonic=5000');
  });
});

import { afterAll, describe, expect, it, vi } from 'vitest';
import { text, wasm } from '../../test/support.js';
import { ModuleCache } from '../cache/module-cache.js';
import { defineFunction } from '../function.js';
import { createRegistry } from '../registry.js';
import type { CallResult } from '../result.js';
import { jsExecutor } from '../js/executor.js';
import { wasmExecutor } from '../wasm/executor.js';
import { type WasmPool, wasmPool } from './wasm-pool.js';

const pools: WasmPool[] = [];
afterAll(() => Promise.all(pools.map((p) => p.close())));

function setup(options: Parameters<typeof wasmPool>[0], cache = new ModuleCache()) {
  const pool = wasmPool(options);
  pools.push(pool);
  return { pool, cache, registry: createRegistry({ executors: [wasmExecutor({ runner: pool, moduleCache: cache })] }) };
}

const answer = defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm('trivial') });
const hello = defineFunction({ name: 'hello', executorType: 'wasm', payload: wasm('hello') });
const faults = defineFunction({ name: 'faults', executorType: 'wasm', payload: wasm('faults'), arguments: [{ key: 'mode' }] });
const replay = defineFunction({ name: 'replay', executorType: 'wasm', payload: wasm('replay') });

const summary = (r: CallResult) => (r.ok ? `ok ${r.value} ${text(r.stdout)}` : `${r.kind} ${r.code ?? ''}`);

describe('the wasm worker pool (piscina)', () => {
  it('a worker killed mid-call: that call is kind internal ERR_WORKER_EXITED, the worker is replaced, the next call works', async () => {
    // The workers' random source ends their thread: `replay` calls random_get, `answer` does not.
    const { pool, registry } = setup({ threads: 1, sources: new URL('../../test/exit-on-random.mjs', import.meta.url) });
    const killed = await registry.run({ function: replay });
    expect(killed).toMatchObject({ ok: false, kind: 'internal', code: 'ERR_WORKER_EXITED', message: expect.stringContaining('worker exited with code: 7') });
    expect(summary(await registry.run({ function: answer }))).toBe('ok 42 ');
    expect(summary(await registry.run({ function: answer }))).toBe('ok 42 ');
    expect(pool.status()).toMatchObject({ threads: 1, workers: 1, workerExits: 1, completed: 2, running: 0, queued: 0 });
  });

  it('a deadline hit while other calls are queued: the loop is timeout, every queued call completes with its value', async () => {
    const { pool, registry } = setup({ threads: 1 });
    await registry.run({ function: answer }); // start the worker and compile the modules
    const loop = registry.run({ function: faults, arguments: { mode: 'loop' } }, { deadlineMs: 300 });
    const queued = [answer, hello, answer, hello].map((f) => registry.run({ function: f }));
    const results = await Promise.all([loop, ...queued]);
    expect(results.map(summary)).toEqual(['timeout ', 'ok 42 ', 'ok 0 hello, world\n', 'ok 42 ', 'ok 0 hello, world\n']);
    await vi.waitFor(() => expect(pool.cancelLatenciesNs.length).toBe(1), { timeout: 20_000, interval: 20 });
    expect(pool.status()).toMatchObject({ workers: 1, terminatedAfterAbort: 1, completed: 5, running: 0, queued: 0, workerExits: 0 });
  });

  it('the queue bound: a call beyond threads + maxQueue is kind limit, code ERR_QUEUE_FULL, at once; the others run', async () => {
    const { pool, registry } = setup({ threads: 1, maxQueue: 1 });
    await registry.run({ function: answer });
    await registry.run({ function: faults, arguments: { mode: 'trap' } }); // compile `faults` before the race below
    const stop = new AbortController();
    const loop = registry.run({ function: faults, arguments: { mode: 'loop' } }, { signal: stop.signal });
    await vi.waitFor(() => expect(pool.status().running).toBe(1), { timeout: 20_000, interval: 5 });
    const waiting = registry.run({ function: answer });
    await vi.waitFor(() => expect(pool.status().queued).toBe(1), { timeout: 20_000, interval: 5 });
    const over = await registry.run({ function: answer });
    expect(over).toMatchObject({
      ok: false,
      kind: 'limit',
      code: 'ERR_QUEUE_FULL',
      message: "ERR_QUEUE_FULL: the wasm pool's queue is full (1 running, 1 waiting); retry later or raise maxQueue",
    });
    stop.abort();
    expect(summary(await loop)).toBe('cancelled ');
    expect(summary(await waiting)).toBe('ok 42 ');
    expect(pool.status()).toMatchObject({ rejectedQueueFull: 1, terminatedAfterAbort: 1 });
  });

  it('the compiled module is shared, not recompiled: one compile for many calls on several workers, no bytes posted', async () => {
    const { pool, cache, registry } = setup({ threads: 2 });
    const rs = await Promise.all(Array.from({ length: 8 }, () => registry.run({ function: answer })));
    expect(rs.map(summary)).toEqual(Array(8).fill('ok 42 '));
    expect(cache.stats()).toMatchObject({ misses: 1, hits: 7, entries: 1 });
    expect(pool.status()).toMatchObject({ postedModules: 8, postedBytes: 0, completed: 8, workers: 2 });
    expect(registry.status().wasm).toMatchObject({ moduleCache: { misses: 1, hits: 7 }, runner: { threads: 2, completed: 8 } });
  });

  it('a call aborted while queued leaves the queue without costing a worker', async () => {
    const { pool, registry } = setup({ threads: 1 });
    await registry.run({ function: answer });
    const stopLoop = new AbortController();
    const loop = registry.run({ function: faults, arguments: { mode: 'loop' } }, { signal: stopLoop.signal });
    await vi.waitFor(() => expect(pool.status().running).toBe(1), { timeout: 20_000, interval: 5 });
    const stopQueued = new AbortController();
    const queued = registry.run({ function: answer }, { signal: stopQueued.signal });
    await vi.waitFor(() => expect(pool.status().queued).toBe(1), { timeout: 20_000, interval: 5 });
    stopQueued.abort();
    expect(summary(await queued)).toBe('cancelled ');
    expect(pool.status()).toMatchObject({ queued: 0, terminatedAfterAbort: 0 });
    stopLoop.abort();
    expect(summary(await loop)).toBe('cancelled ');
    expect(pool.status().terminatedAfterAbort).toBe(1);
    expect(summary(await registry.run({ function: answer }))).toBe('ok 42 ');
  });

  it('js calls on the pool: a script loop stopped at its deadline, queued scripts complete, outputs committed, the engine compiled once', async () => {
    const pool = wasmPool({ threads: 1 });
    pools.push(pool);
    const cache = new ModuleCache();
    const registry = createRegistry({ executors: [jsExecutor({ runner: pool, moduleCache: cache })] });
    const js = (name: string, source: string, extra = {}) => defineFunction({ name, executorType: 'js', payload: new TextEncoder().encode(source), ...extra });
    const spin = js('spin', 'export function entrypoint() { for (;;) {} }');
    const greet = js('greet', 'export const entrypoint = (a) => { console.log("hi " + a.name); return "hello " + a.name; };', { arguments: [{ key: 'name' }] });
    const copy = js('copy', 'export function entrypoint(a, ctx) { ctx.write("out", ctx.readText("in").toUpperCase()); return "copied"; }', {
      inputs: [{ name: 'in' }],
      outputs: [{ name: 'out' }],
    });
    expect(summary(await registry.run({ function: greet, arguments: { name: 'ada' } }))).toBe('ok hello ada hi ada\n');
    const loop = registry.run({ function: spin }, { deadlineMs: 300 });
    const queued = [
      registry.run({ function: greet, arguments: { name: 'bob' } }),
      registry.run({ function: copy, inputs: { in: new TextEncoder().encode('abc') }, outputs: ['out'] }),
    ];
    const [l, g, c] = (await Promise.all([loop, ...queued])) as [CallResult, CallResult, CallResult];
    expect(summary(l)).toBe('timeout ');
    expect(summary(g)).toBe('ok hello bob hi bob\n');
    expect(c).toMatchObject({ ok: true, value: 'copied', outputs: { out: new TextEncoder().encode('ABC') } });
    expect(cache.stats()).toMatchObject({ misses: 1, entries: 1 });
    expect(pool.status()).toMatchObject({ postedModules: 4, postedBytes: 0, workers: 1, queued: 0, running: 0 });
    expect(registry.status().js).toMatchObject({ moduleCache: { misses: 1 }, runner: { threads: 1 } });
  });

  it('rejects bad options with ERR_INVALID_OPTIONS', () => {
    expect(() => wasmPool({ threads: 0 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
    expect(() => wasmPool({ maxQueue: -1 })).toThrow(expect.objectContaining({ code: 'ERR_INVALID_OPTIONS' }));
  });
});

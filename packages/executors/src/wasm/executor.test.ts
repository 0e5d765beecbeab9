import { createUnsafeDeterministicRandom } from '../../test/unsafe-random.mjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { bytes, text, vector, wasm } from '../../test/support.js';
import { defineFunction, type FunctionSpec } from '../function.js';
import { createRegistry } from '../registry.js';
import type { CallResult } from '../result.js';
import { fixedClock } from '../sources.js';
import { wasmExecutor } from './executor.js';
import { capModuleMemory } from './module-limits.js';
import { flattenArguments } from './teaclave-abi.js';
import { workerRunner } from './worker-runner.js';

const registry = createRegistry({ executors: [wasmExecutor()] });
const runner = workerRunner();
const workers = createRegistry({ executors: [wasmExecutor({ runner })] });
afterAll(() => runner.close());

const fn = (payload: Uint8Array, extra: Partial<FunctionSpec> = {}) => defineFunction({ name: 'main', executorType: 'wasm', payload, ...extra });

async function ok(p: Promise<CallResult>) {
  const r = await p;
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r;
}

/** Appends a custom section of `size` bytes (a valid module, just bigger). */
function padded(module: Uint8Array, size: number): Uint8Array {
  const name = bytes('padding');
  const body = new Uint8Array(1 + name.length + size);
  body[0] = name.length;
  body.set(name, 1);
  const leb: number[] = [];
  let n = body.length;
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    leb.push(b);
  } while (n);
  const out = new Uint8Array(module.length + 1 + leb.length + body.length);
  out.set(module);
  out[module.length] = 0;
  out.set(leb, module.length + 1);
  out.set(body, module.length + 1 + leb.length);
  return out;
}

describe("Teaclave's WAMR ABI", () => {
  const millionaire = defineFunction({
    name: 'entrypoint',
    executorType: 'wamr',
    payload: wasm('teaclave-millionaire'),
    arguments: [{ key: 'input_file_id1' }, { key: 'input_file_id2' }, { key: 'output_file_id' }],
    inputs: [{ name: 'pf_in_a' }, { name: 'pf_in_b' }],
    outputs: [{ name: 'pf_out' }],
  });

  it('runs the millionaire problem on Teaclave\'s fixtures: value "7", output "pf_in_a"', async () => {
    const r = await ok(
      registry.run({
        function: millionaire,
        arguments: { input_file_id1: 'pf_in_a', input_file_id2: 'pf_in_b', output_file_id: 'pf_out' },
        inputs: { pf_in_a: vector('teaclave/wamr_c_millionaire_problem/input_a.txt'), pf_in_b: vector('teaclave/wamr_c_millionaire_problem/input_b.txt') },
        outputs: ['pf_out'],
      }),
    );
    expect(r.value).toBe('7');
    expect(text(r.outputs.pf_out!)).toBe(text(vector('teaclave/wamr_c_millionaire_problem/expected_output.txt')));
  });

  it('simple add: "3" + "4" = "7", and a payload of 1.5 MB (Teaclave fails above ~700 KB)', async () => {
    const add = { name: 'entrypoint', executorType: 'wamr', arguments: [{ key: 'adder1' }, { key: 'adder2' }] };
    const r = await ok(registry.run({ function: defineFunction({ ...add, payload: wasm('teaclave-simple_add') }), arguments: { adder1: '3', adder2: '4' } }));
    expect(r.value).toBe('7');
    const big = padded(wasm('teaclave-simple_add'), 1_500_000);
    expect(big.length).toBeGreaterThan(1_500_000);
    const r2 = await ok(registry.run({ function: defineFunction({ ...add, payload: big }), arguments: { adder1: '-10', adder2: '4' } }));
    expect(r2.value).toBe('-6');
  });

  it('file handles behave as Teaclave\'s: bad handles and pointers are -1; argc counts keys and values', async () => {
    const probe = defineFunction({
      name: 'entrypoint',
      executorType: 'wasm',
      payload: wasm('teaclave-abi_probe'),
      arguments: [{ key: 'alpha' }, { key: 'beta' }],
      inputs: [{ name: 'in' }],
      outputs: [{ name: 'out' }],
    });
    const data = bytes('the quick brown fox');
    const r = await ok(registry.run({ function: probe, arguments: { alpha: '1', beta: 2 }, inputs: { in: data }, outputs: ['out'] }));
    expect(r.value).toBe('127');
    expect(text(r.outputs.out!)).toBe('the quick brown fox');
  });

  it('flattens arguments in key order, non-strings as JSON', () => {
    expect(flattenArguments({ b: 2, a: 'x', c: { d: [1, true] } })).toEqual(['a', 'x', 'b', '2', 'c', '{"d":[1,true]}']);
  });
});

describe('WASI commands and exports', () => {
  it('reads declared inputs as read-only files and commits outputs only on success', async () => {
    const f = fn(wasm('files'), { arguments: [{ key: 'in' }, { key: 'out' }, { key: 'then' }], inputs: [{ name: 'data' }], outputs: [{ name: 'result' }] });
    const task = (then: string) => ({ function: f, arguments: { in: 'data', out: 'result', then }, inputs: { data: bytes('abcdef') }, outputs: ['result'] });
    const r = await ok(registry.run(task('ok')));
    expect(r.value).toBe('0');
    expect(text(r.outputs.result!)).toBe('fedcba');
    expect(text(r.stdout)).toBe('write-open of the input: Permission denied\nreversed 6 bytes\n');
    const t = await registry.run(task('trap'));
    expect(t).toMatchObject({ ok: false, kind: 'trap' });
    expect('outputs' in t).toBe(false);
    expect(text(t.stdout)).toBe('write-open of the input: Permission denied\n');
  });

  it('calls an export named like the function when there is no _start or entrypoint', async () => {
    const r = await ok(registry.run({ function: defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm('trivial') }) }));
    expect(r.value).toBe('42');
    expect(r.usage.peakMemoryBytes).toBe(65536);
    const none = await registry.run({ function: defineFunction({ name: 'missing', executorType: 'wasm', payload: wasm('trivial') }) });
    expect(none).toMatchObject({ ok: false, kind: 'invalid', message: 'the module exports neither _start, entrypoint, nor a function named "missing"' });
  });
});

describe('faults come back typed and the host keeps running', () => {
  const faults = fn(wasm('faults'), { arguments: [{ key: 'mode' }] });
  const run = (mode: string, options = {}) => registry.run({ function: faults, arguments: { mode } }, options);

  it.each([
    ['trap', 'wasm trap: unreachable'],
    ['oob', 'wasm trap: memory access out of bounds'],
    // C's stack lives in linear memory: overflowing it runs below address 0.
    ['stack', 'wasm trap: memory access out of bounds'],
  ])('%s → kind trap', async (mode, message) => {
    await expect(run(mode)).resolves.toMatchObject({ ok: false, kind: 'trap', message: expect.stringContaining(message.replace('wasm trap: ', '')) });
  });

  it('unbounded recursion on the engine stack → kind trap (stack overflow)', async () => {
    const r = await registry.run({ function: defineFunction({ name: 'down', executorType: 'wasm', payload: wasm('recurse') }) });
    expect(r).toMatchObject({ ok: false, kind: 'trap', message: 'wasm trap: stack overflow (call stack exhausted)' });
  });

  it('proc_exit(3) → kind exit with the code', async () => {
    await expect(run('exit')).resolves.toMatchObject({ ok: false, kind: 'exit', exitCode: 3 });
  });

  it('a memory bomb stops at the cap: malloc fails inside the guest', async () => {
    const r = await ok(run('bomb', { memoryBytes: 16 * 2 ** 20 }));
    const mib = Number(/allocated (\d+) MiB/u.exec(text(r.stdout))?.[1]);
    expect(mib).toBeGreaterThanOrEqual(12);
    expect(mib).toBeLessThan(16);
    expect(r.usage.peakMemoryBytes).toBeLessThanOrEqual(16 * 2 ** 20);
  });

  it('memory.grow past the cap returns -1 in the guest (C, defined memory)', async () => {
    expect(text((await ok(run('grow', { memoryBytes: 4 * 2 ** 20 }))).stdout)).toBe('grow(32768 pages)=-1\n');
  });

  it('memory.grow past the cap returns -1 in the guest (WAT, defined and imported memories)', async () => {
    for (const name of ['grow', 'imported_memory']) {
      const r = await ok(registry.run({ function: defineFunction({ name: 'probe', executorType: 'wasm', payload: wasm(name) }) }, { memoryBytes: 2 ** 20 }));
      expect(r.value).toBe('15');
    }
  });

  it('an initial memory above the cap → kind memory', async () => {
    const r = await registry.run({ function: defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm('big_initial') }) }, { memoryBytes: 16 * 2 ** 20 });
    expect(r).toMatchObject({ ok: false, kind: 'memory', code: 'ERR_MEMORY_CAP' });
  });

  it.each(['shared_memory', 'memory64', 'multi_memory'])('%s → kind invalid, ERR_UNSUPPORTED_MODULE', async (name) => {
    const r = await registry.run({ function: defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm(name) }) });
    expect(r).toMatchObject({ ok: false, kind: 'invalid', code: 'ERR_UNSUPPORTED_MODULE', message: expect.stringMatching(/^ERR_UNSUPPORTED_MODULE: /u) });
  });

  it('a malformed module → kind invalid, ERR_INVALID_MODULE', async () => {
    for (const payload of [bytes('not wasm at all'), wasm('trivial').slice(0, 30), Uint8Array.from([0, 0x61, 0x73, 0x6d, 0x0d, 0, 1, 0])]) {
      const r = await registry.run({ function: fn(payload) });
      expect(r).toMatchObject({ ok: false, kind: 'invalid', code: 'ERR_INVALID_MODULE', message: expect.stringMatching(/^ERR_INVALID_MODULE: /u) });
    }
  });

  it('an import we do not provide → kind link, naming it', async () => {
    const r = await registry.run({ function: defineFunction({ name: 'answer', executorType: 'wasm', payload: wasm('unknown_import') }) });
    expect(r).toMatchObject({ ok: false, kind: 'link', message: 'the module imports what this host does not provide: env.launch_missiles (function)' });
  });

  it('an endless loop making WASI calls is stopped at the deadline in this thread too', async () => {
    const r = await run('yieldloop', { deadlineMs: 100 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout', message: 'the call passed its deadline (noticed in sched_yield)' });
  });

  it('an infinite loop in a worker is stopped at the deadline; the next call runs', async () => {
    const r = await workers.run({ function: faults, arguments: { mode: 'loop' } }, { deadlineMs: 300 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout' });
    // The registry answers at the deadline; the worker's termination is recorded when it ends.
    await vi.waitFor(() => expect(runner.cancelLatenciesNs.length).toBeGreaterThan(0), { timeout: 20_000, interval: 20 });
    console.log(`cancel latency (worker.terminate of a pure-wasm loop): ${(runner.cancelLatenciesNs.at(-1)! / 1e6).toFixed(2)} ms`);
    const next = await ok(workers.run({ function: fn(wasm('hello')) }, { deadlineMs: 10_000 }));
    expect(text(next.stdout)).toBe('hello, world\n');
    const trap = await workers.run({ function: faults, arguments: { mode: 'trap' } });
    expect(trap).toMatchObject({ ok: false, kind: 'trap' });
  });
});

describe('deterministic replay', () => {
  const replay = fn(wasm('replay'));
  const want = () =>
    `${Buffer.from(createUnsafeDeterministicRandom(bytes('replay')).randomBytes(32)).toString('hex')}\nrealtime=1700000000123456789 monotonic=5000 cputime=0\ntime=1700000000\n`;

  it('a seeded generator and a fixed clock give identical output every time (this thread)', async () => {
    const outs: string[] = [];
    for (let i = 0; i < 3; i++) {
      const reg = createRegistry({
        executors: [wasmExecutor()],
        random: createUnsafeDeterministicRandom(bytes('replay')),
        clock: fixedClock(1_700_000_000_123_456_789n, 5000n),
      });
      outs.push(text((await ok(reg.run({ function: replay }))).stdout));
    }
    expect(outs).toEqual([want(), want(), want()]);
  });

  it('the same in a worker thread, with sources injected by module: the worker keeps its generator between calls', async () => {
    // One worker: the second call continues the worker's seeded stream (a pool reuses its workers).
    const r = workerRunner({ sources: new URL('../../test/deterministic-sources.mjs', import.meta.url), threads: 1 });
    const reg = createRegistry({ executors: [wasmExecutor({ runner: r })] });
    const stream = createUnsafeDeterministicRandom(bytes('replay'));
    const line = () => `${Buffer.from(stream.randomBytes(32)).toString('hex')}\nrealtime=1700000000123456789 monotonic=5000 cputime=0\ntime=1700000000\n`;
    const [first, second] = [line(), line()];
    expect(text((await ok(reg.run({ function: replay }))).stdout)).toBe(first);
    expect(text((await ok(reg.run({ function: replay }))).stdout)).toBe(second);
    expect(first).toBe(want());
    await r.close();
  });
});

describe('capModuleMemory', () => {
  it('writes the cap as the maximum and keeps a smaller one', () => {
    const t = capModuleMemory(wasm('grow'), 2 ** 20);
    expect([t.initialPages, t.maxPages, t.imported]).toEqual([1, 16, false]);
    expect(capModuleMemory(t.bytes, 2 ** 30).maxPages).toBe(16);
    expect(capModuleMemory(wasm('imported_memory'), 2 ** 20)).toMatchObject({ initialPages: 1, maxPages: 16, imported: true });
  });
});

describe('warm instances', () => {
  it('calls an export many times on one instance, with typed results', async () => {
    const { instantiateWarm } = await import('./warm-instance.js');
    const warm = instantiateWarm(defineFunction({ name: 'add', executorType: 'wasm', payload: wasm('trivial') }));
    expect(warm.call('add', 2, 3)).toMatchObject({ ok: true, value: 5 });
    expect(warm.call('answer')).toMatchObject({ ok: true, value: 42 });
    expect(warm.call('nope')).toMatchObject({ ok: false, kind: 'invalid', message: 'no exported function "nope"' });
    const deep = instantiateWarm(defineFunction({ name: 'down', executorType: 'wasm', payload: wasm('recurse') }));
    expect(deep.call('down', 0)).toMatchObject({ ok: false, kind: 'trap', message: 'wasm trap: stack overflow (call stack exhausted)' });
    expect(deep.call('down', 0)).toMatchObject({ ok: false, kind: 'invalid', message: 'the instance is closed' });
    expect(() => instantiateWarm(defineFunction({ name: 'x', executorType: 'wasm', payload: wasm('unknown_import') }))).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_EXECUTOR' }),
    );
    expect(() => instantiateWarm(defineFunction({ name: 'x', executorType: 'wasm', payload: wasm('shared_memory') }))).toThrow(
      expect.objectContaining({ code: 'ERR_UNSUPPORTED_MODULE' }),
    );
  });
});

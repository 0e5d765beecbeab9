import { createUnsafeDeterministicRandom } from '../test/unsafe-random.mjs';
import { describe, expect, it } from 'vitest';
import { asyncCodeOf, bytes, codeOf, text } from '../test/support.js';
import { builtinExecutor, builtinFunctionSpec } from './builtin/index.js';
import { ExecutorError } from './errors.js';
import type { Executor } from './executor.js';
import { defineFunction } from './function.js';
import { createRegistry } from './registry.js';
import { FunctionFault } from './result.js';
import { fixedClock } from './sources.js';
import { createTask } from './task.js';

const upper: Executor = {
  name: 'upper',
  execute: ({ arguments: a, runtime }) => {
    runtime.createOutput('shout').write(bytes(String(a.text).toUpperCase()));
    return { value: String(a.text).toUpperCase() };
  },
};

const shoutFn = defineFunction({
  name: 'shout',
  executorType: 'upper',
  arguments: [{ key: 'text' }, { key: 'fixed', defaultValue: 'x', allowOverwrite: false }],
  inputs: [{ name: 'in' }, { name: 'maybe', optional: true }],
  outputs: [{ name: 'shout' }, { name: 'extra', optional: true }],
});

describe('function registration', () => {
  it('freezes a Teaclave-shaped registration with defaults', () => {
    expect(shoutFn.arguments).toEqual([
      { key: 'text', allowOverwrite: true },
      { key: 'fixed', allowOverwrite: false, defaultValue: 'x' },
    ]);
    expect(shoutFn.inputs).toEqual([
      { name: 'in', description: '', optional: false },
      { name: 'maybe', description: '', optional: true },
    ]);
    expect(Object.isFrozen(shoutFn)).toBe(true);
  });

  it('rejects bad registrations with ERR_INVALID_FUNCTION', () => {
    expect(codeOf(() => defineFunction({ name: '', executorType: 'x' }))).toBe('ERR_INVALID_FUNCTION');
    expect(codeOf(() => defineFunction({ name: 'a b', executorType: 'x' }))).toBe('ERR_INVALID_FUNCTION');
    expect(codeOf(() => defineFunction({ name: 'f', executorType: 'x', payload: 'text' as never }))).toBe('ERR_INVALID_FUNCTION');
    expect(codeOf(() => defineFunction({ name: 'f', executorType: 'x', arguments: [{ key: 'a' }, { key: 'a' }] }))).toBe('ERR_INVALID_FUNCTION');
    expect(codeOf(() => defineFunction({ name: 'f', executorType: 'x', inputs: [{ name: 'i' }, { name: 'i' }] }))).toBe('ERR_INVALID_FUNCTION');
    expect(codeOf(() => defineFunction({ name: 'f', executorType: 'x', arguments: [{ key: 'a', allowOverwrite: false }] }))).toBe(
      'ERR_INVALID_FUNCTION',
    );
  });

  it('keeps a payload far above 700 KB as bytes, unchanged', async () => {
    const payload = createUnsafeDeterministicRandom(bytes('payload')).randomBytes(3 * 2 ** 20 + 7);
    const seen: Uint8Array[] = [];
    const registry = createRegistry({ executors: [{ name: 'peek', execute: ({ function: f }) => (seen.push(f.payload), { value: String(f.payload.length) }) }] });
    const fn = defineFunction({ name: 'big', executorType: 'peek', payload });
    const r = await registry.run({ function: fn });
    expect(r).toMatchObject({ ok: true, value: String(3 * 2 ** 20 + 7) });
    // The executor sees the registration's own copy (defineFunction copies the payload), byte for byte.
    expect(seen[0]).toBe(fn.payload);
    expect(seen[0] === payload).toBe(false); // (not `.not.toBe`: vitest deep-compares 3 MB on a failed Object.is)
    expect(Buffer.compare(seen[0]!, payload)).toBe(0);
  });
});

describe('tasks are checked before anything runs', () => {
  const base = { function: shoutFn, arguments: { text: 'hi' }, inputs: { in: bytes('x') }, outputs: ['shout'] };
  it('merges defaults in key order', () => {
    const t = createTask(base);
    expect(Object.keys(t.arguments)).toEqual(['fixed', 'text']);
    expect(t.arguments).toEqual({ fixed: 'x', text: 'hi' });
  });
  it.each([
    [{ ...base, arguments: { text: 'hi', nope: 1 } }, 'ERR_UNDECLARED_ARGUMENT'],
    [{ ...base, arguments: { text: 'hi', fixed: 'y' } }, 'ERR_ARGUMENT_NOT_OVERRIDABLE'],
    [{ ...base, arguments: {} }, 'ERR_MISSING_ARGUMENT'],
    [{ ...base, arguments: { text: Number.NaN } }, 'ERR_INVALID_ARGUMENT'],
    [{ ...base, inputs: {} }, 'ERR_MISSING_INPUT'],
    [{ ...base, inputs: { in: bytes('x'), other: bytes('y') } }, 'ERR_UNDECLARED_INPUT'],
    [{ ...base, inputs: { in: 'x' as never } }, 'ERR_INVALID_ARGUMENT'],
    [{ ...base, outputs: [] }, 'ERR_MISSING_OUTPUT'],
    [{ ...base, outputs: ['shout', 'nope'] }, 'ERR_UNDECLARED_OUTPUT'],
  ])('%# → %s', (spec, code) => {
    expect(codeOf(() => createTask(spec))).toBe(code);
  });
  it('caps input sizes', () => {
    expect(codeOf(() => createTask({ ...base, inputs: { in: new Uint8Array(11) } }, 10))).toBe('ERR_INPUT_TOO_LARGE');
  });
  it('throws ERR_UNKNOWN_EXECUTOR and never calls anything', async () => {
    const registry = createRegistry();
    await expect(asyncCodeOf(registry.run(base))).resolves.toBe('ERR_UNKNOWN_EXECUTOR');
  });
  it('rejects bad limits', async () => {
    const registry = createRegistry({ executors: [upper] });
    await expect(asyncCodeOf(registry.run(base, { deadlineMs: -1 }))).resolves.toBe('ERR_INVALID_LIMITS');
    await expect(asyncCodeOf(registry.run(base, { memoryBytes: Number.NaN }))).resolves.toBe('ERR_INVALID_LIMITS');
  });
});

describe('the registry', () => {
  it('adds an executor in one call and runs it', async () => {
    const registry = createRegistry().register(upper);
    const r = await registry.run({ function: shoutFn, arguments: { text: 'hi' }, inputs: { in: bytes('') }, outputs: ['shout'] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toBe('HI');
    expect(text(r.outputs.shout!)).toBe('HI');
    expect(r.usage.wallNs).toBeGreaterThanOrEqual(0);
  });
  it('refuses duplicate and malformed executors', () => {
    const registry = createRegistry({ executors: [upper] });
    expect(codeOf(() => registry.register(upper))).toBe('ERR_EXECUTOR_EXISTS');
    expect(codeOf(() => registry.register({ name: 'x' } as never))).toBe('ERR_INVALID_EXECUTOR');
    expect(codeOf(() => registry.register({ name: 'y', aliases: ['upper'], execute: () => ({ value: '' }) }))).toBe('ERR_EXECUTOR_EXISTS');
  });
  it('commits outputs only on success', async () => {
    const failing: Executor = {
      name: 'failing',
      execute: ({ runtime }) => {
        runtime.createOutput('shout').write(bytes('partial'));
        throw new FunctionFault('trap', 'boom', { stdout: bytes('out') });
      },
    };
    const registry = createRegistry({ executors: [failing] });
    const fn = defineFunction({ name: 'f', executorType: 'failing', outputs: [{ name: 'shout' }] });
    const r = await registry.run({ function: fn, outputs: ['shout'] });
    expect(r).toMatchObject({ ok: false, kind: 'trap', message: 'boom' });
    expect('outputs' in r).toBe(false);
    expect(text(r.stdout)).toBe('out');
  });
  it('reports a plain exception as kind error, never as success', async () => {
    const registry = createRegistry({ executors: [{ name: 'bad', execute: () => { throw new Error('nope'); } }] });
    const r = await registry.run({ function: defineFunction({ name: 'f', executorType: 'bad' }) });
    expect(r).toMatchObject({ ok: false, kind: 'error', message: 'nope' });
  });
  it('turns the deadline into kind timeout and drops outputs written after it', async () => {
    let late: (() => void) | undefined;
    const slow: Executor = {
      name: 'slow',
      execute: ({ runtime, signal }) =>
        new Promise((resolve) => {
          late = () => {
            try {
              runtime.createOutput('o').write(bytes('late'));
            } catch (e) {
              resolve({ value: (e as FunctionFault).kind });
            }
          };
          signal.addEventListener('abort', () => late?.());
        }),
    };
    const registry = createRegistry({ executors: [slow] });
    const fn = defineFunction({ name: 'f', executorType: 'slow', outputs: [{ name: 'o' }] });
    const r = await registry.run({ function: fn, outputs: ['o'] }, { deadlineMs: 5 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout', message: 'the call passed its deadline of 5 ms' });
  });
  it('maps a caller abort to cancelled and an AbortSignal.timeout to timeout', async () => {
    const registry = createRegistry({ executors: [{ name: 'hang', execute: () => new Promise(() => {}) }] });
    const fn = defineFunction({ name: 'f', executorType: 'hang' });
    const c = new AbortController();
    const p = registry.run({ function: fn }, { signal: c.signal });
    c.abort();
    await expect(p).resolves.toMatchObject({ ok: false, kind: 'cancelled' });
    await expect(registry.run({ function: fn }, { signal: AbortSignal.timeout(1) })).resolves.toMatchObject({ ok: false, kind: 'timeout' });
    const pre = new AbortController();
    pre.abort();
    await expect(registry.run({ function: fn }, { signal: pre.signal })).resolves.toMatchObject({ ok: false, kind: 'cancelled' });
  });
  it('reports a synchronous call that overran its deadline as timeout (clock-driven)', async () => {
    let now = 0n;
    const clock = { monotonicNs: () => now, wallNs: () => 0n };
    const registry = createRegistry({ clock, executors: [{ name: 'burn', execute: () => ((now += 10_000_000n), { value: 'done' }) }] });
    const r = await registry.run({ function: defineFunction({ name: 'f', executorType: 'burn' }) }, { deadlineMs: 5 });
    expect(r).toMatchObject({ ok: false, kind: 'timeout', usage: { wallNs: 10_000_000 } });
  });
  it('passes the injected clock and random source to executors', async () => {
    const registry = createRegistry({
      clock: fixedClock(123n, 7n),
      random: createUnsafeDeterministicRandom(bytes('seed')),
      executors: [builtinExecutor()],
    });
    const fn = defineFunction(builtinFunctionSpec('builtin-random-bytes')!);
    const a = await registry.run({ function: fn, arguments: { length: 8 } });
    const again = createRegistry({ random: createUnsafeDeterministicRandom(bytes('seed')), executors: [builtinExecutor()] });
    const b = await again.run({ function: fn, arguments: { length: 8 } });
    expect(a).toMatchObject({ ok: true, usage: { wallNs: 0 } });
    expect(b.ok && a.ok && b.value === a.value).toBe(true);
  });
  it('ExecutorError is an Error with a code', () => {
    const e = new ExecutorError('ERR_UNKNOWN_EXECUTOR', 'x');
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('ERR_UNKNOWN_EXECUTOR');
  });
});

describe('caps', () => {
  it('an output past maxOutputBytes ends the call as kind limit, committing nothing', async () => {
    const registry = createRegistry({ executors: [upper] });
    const r = await registry.run(
      { function: shoutFn, arguments: { text: 'way too loud' }, inputs: { in: bytes('') }, outputs: ['shout'] },
      { maxOutputBytes: 4 },
    );
    expect(r).toMatchObject({ ok: false, kind: 'limit', message: 'output "shout" would exceed its cap of 4 bytes' });
  });
});

import { describe, expect, it } from 'vitest';
import { createUnsafeDeterministicRandom } from '../../test/unsafe-random.mjs';
import { bytes, fault, ok, text } from '../../test/support.js';
import { defineFunction, type FunctionSpec } from '../function.js';
import { createRegistry, type RunOptions } from '../registry.js';
import { fixedClock } from '../sources.js';
import { jsExecutor } from './executor.js';

const registry = createRegistry({ executors: [jsExecutor()] });
const MiB = 2 ** 20;

const fn = (source: string, extra: Partial<FunctionSpec> = {}) => defineFunction({ name: 'main', executorType: 'js', payload: bytes(source), ...extra });
const run = (source: string, options: RunOptions = {}, extra: Partial<FunctionSpec> = {}, task: Record<string, unknown> = {}) =>
  registry.run({ function: fn(source, extra), ...task }, { deadlineMs: 10_000, memoryBytes: 64 * MiB, ...options });


describe('js executor: the function convention', () => {
  it('passes the arguments object and returns a string as is', async () => {
    const r = ok(
      await run('export function entrypoint(args, ctx) { return `${args.message} (${ctx.argv.join(",")})`; }', {}, { arguments: [{ key: 'message' }, { key: 'n', defaultValue: '3' }] }, {
        arguments: { message: 'Hello, Teaclave!' },
      }),
    );
    expect(r.value).toBe('Hello, Teaclave! (message,Hello, Teaclave!,n,3)');
  });
  it('gives a script that declares a global entrypoint the flattened argv (Teaclave style)', async () => {
    const r = ok(await run('function entrypoint(argv) { return argv.length + ":" + argv[0] + "=" + argv[1]; }', {}, { arguments: [{ key: 'message' }] }, { arguments: { message: 'hi' } }));
    expect(r.value).toBe('2:message=hi');
  });
  it('awaits an async entrypoint and returns non-strings as JSON', async () => {
    const r = ok(await run('export async function entrypoint() { await null; return { sum: [1, 2, 3].reduce((a, b) => a + b) }; }'));
    expect(r.value).toBe('{"sum":6}');
  });
  it('reads inputs and writes outputs by name; outputs are committed on success', async () => {
    const src = `export function entrypoint(args, ctx) {
      const lines = ctx.readText('in').split('\\n').filter(Boolean);
      ctx.write('out', lines.map((l) => l.toUpperCase()).join('\\n'));
      ctx.write('raw', ctx.read('in').slice(0, 2));
      console.log('lines', lines.length);
      return String(lines.length);
    }`;
    const r = ok(await run(src, {}, { inputs: [{ name: 'in' }], outputs: [{ name: 'out' }, { name: 'raw' }] }, { inputs: { in: bytes('ab\ncd\n') }, outputs: ['out', 'raw'] }));
    expect(r.value).toBe('2');
    expect(text(r.outputs.out!)).toBe('AB\nCD');
    expect([...r.outputs.raw!]).toEqual([0x61, 0x62]);
    expect(text(r.stdout)).toBe('lines 2\n');
  });
  it('leaves no output behind when the script fails after writing', async () => {
    const r = fault(await run('export function entrypoint(a, ctx) { ctx.write("out", "partial"); throw new Error("boom"); }', {}, { outputs: [{ name: 'out' }] }, { outputs: ['out'] }));
    expect(r.kind).toBe('error');
    expect(r.message).toBe('Error: boom');
    expect('outputs' in r).toBe(false);
  });
  it('raises inside the script for an input that is not bound (an optional input left out)', async () => {
    const src = 'export function entrypoint(a, ctx) { try { ctx.read("extra"); return "read"; } catch (e) { return "missing: " + e.message; } }';
    const r = ok(await run(src, {}, { inputs: [{ name: 'extra', optional: true }] }));
    expect(r.value).toBe('missing: no input named "extra" is bound to this task');
  });
  it('reports a script without an entrypoint as an error', async () => {
    const r = fault(await run('export const x = 1;'));
    expect(r.kind).toBe('error');
    expect(r.message).toMatch(/^TypeError: the script defines no entrypoint function/u);
  });
  it('reports a syntax error', async () => {
    const r = fault(await run('export function entrypoint( {'));
    expect(r.kind).toBe('error');
    expect(r.message).toMatch(/^SyntaxError/u);
  });
  it('refuses a payload that is not UTF-8', async () => {
    const r = fault(await registry.run({ function: defineFunction({ name: 'main', executorType: 'js', payload: new Uint8Array([0xff, 0xfe]) }) }));
    expect(r.kind).toBe('invalid');
    expect(r.code).toBe('ERR_INVALID_FUNCTION');
  });
});

describe('js executor: randomness and time from the call sources', () => {
  const src = `export function entrypoint() {
    const a = new Uint8Array(16); crypto.getRandomValues(a);
    return JSON.stringify({ r: Math.random(), bytes: Array.from(a), uuid: crypto.randomUUID(), now: Date.now(), perf: performance.now() });
  }`;
  const clock = fixedClock(1_700_000_000_123_456_789n, 5_000_000n);
  it('reproduces Math.random, crypto.getRandomValues and randomUUID with the seeded generator, and reads the fixed clock', async () => {
    const logged = (seed: string) => {
      const g = createUnsafeDeterministicRandom(bytes(seed));
      const requests: number[] = [];
      return { requests, fill: <T extends ArrayBufferView>(d: T): T => (requests.push(d.byteLength), g.fill(d)) };
    };
    const ra = logged('js-seed');
    const a = ok(await run(src, { random: ra, clock }));
    const b = ok(await run(src, { random: createUnsafeDeterministicRandom(bytes('js-seed')), clock }));
    const c = ok(await run(src, { random: createUnsafeDeterministicRandom(bytes('other-seed')), clock }));
    expect(a.value).toBe(b.value);
    expect(JSON.parse(c.value).bytes).not.toEqual(JSON.parse(a.value).bytes);
    expect(JSON.parse(c.value).r).not.toBe(JSON.parse(a.value).r);
    // The script's own draws, in order: getRandomValues (16), Math.random (7), randomUUID (16).
    expect(ra.requests.slice(-3)).toEqual([16, 7, 16]);
    const v = JSON.parse(a.value) as { r: number; bytes: number[]; uuid: string; now: number; perf: number };
    expect(v.r >= 0 && v.r < 1).toBe(true);
    expect(v.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    expect(v.now).toBe(1_700_000_000_123);
    // performance.now() counts from the call's time origin: 0 on a clock that does not move.
    expect(v.perf).toBe(0);
  });
  it('rejects getRandomValues above 65536 bytes and on non-integer arrays', async () => {
    const r = ok(
      await run(`export function entrypoint() {
        const out = [];
        try { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { out.push(e.name); }
        try { crypto.getRandomValues(new Float64Array(2)); } catch (e) { out.push(e.name); }
        return out.join(',');
      }`),
    );
    expect(r.value).toBe('RangeError,TypeError');
  });
});

describe('js executor: isolation', () => {
  it('reaches nothing of the host', async () => {
    const r = ok(
      await run(`export async function entrypoint() {
        const seen = [typeof process, typeof require, typeof globalThis.fetch, typeof XMLHttpRequest, typeof WebAssembly, typeof setTimeout, typeof std, typeof os, typeof Deno, typeof Bun];
        let imp;
        try { await import('fs'); imp = 'imported'; } catch (e) { imp = e.name; }
        let imp2;
        try { await import('node:child_process'); imp2 = 'imported'; } catch (e) { imp2 = e.name; }
        return seen.join(',') + '|' + imp + '|' + imp2;
      }`),
    );
    expect(r.value).toBe('undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined,undefined|ReferenceError|ReferenceError');
  });
  it('starts every call from a fresh interpreter (nothing leaks from one task to the next)', async () => {
    const src = `globalThis.counter = (globalThis.counter ?? 0) + 1;
      Array.prototype.leak = 'yes';
      export function entrypoint() { return String(globalThis.counter) + ':' + String([].leak) + ':' + typeof globalThis.previous; }
      globalThis.previous = 1;`;
    const first = ok(await run(src));
    const second = ok(await run('export function entrypoint() { return typeof globalThis.counter + ":" + String([].leak) + ":" + typeof globalThis.previous; }'));
    expect(first.value).toBe('1:yes:number');
    expect(second.value).toBe('undefined:undefined:undefined');
  });
});

describe('js executor: limits — each fault is typed and the host carries on', () => {
  const next = async () => expect(ok(await run('export const entrypoint = () => "still here"')).value).toBe('still here');
  it('stops a 1 GiB string at the memory cap', async () => {
    const r = fault(await run('export function entrypoint() { let s = "x".repeat(1 << 20); const parts = []; for (let i = 0; i < 1024; i++) parts.push(s + i); return String(parts.join("").length); }', { memoryBytes: 64 * MiB }));
    expect(r.kind).toBe('memory');
    expect(r.code).toBe('ERR_MEMORY_CAP');
    await next();
  });
  it('stops a string doubled to 1 GiB at the memory cap', async () => {
    const r = fault(await run('export function entrypoint() { let s = "x"; for (let i = 0; i < 30; i++) s = s.repeat(2); return String(s.length); }', { memoryBytes: 64 * MiB }));
    expect(r.kind).toBe('memory');
    await next();
  });
  it('stops typed arrays allocated in a loop at the memory cap', async () => {
    const r = fault(await run('export function entrypoint() { const keep = []; for (;;) keep.push(new Float64Array(1 << 17)); }', { memoryBytes: 48 * MiB }));
    expect(r.kind).toBe('memory');
    await next();
  });
  it('turns the engine refusing a 1 GiB string (rope concatenation) into kind memory', async () => {
    const r = fault(await run('export function entrypoint() { let s = "x"; for (let i = 0; i < 31; i++) s = s + s; return String(s.length); }'));
    expect(r.kind).toBe('memory');
    expect(r.message).toMatch(/string too long/u);
    await next();
  });
  it('turns deep recursion into a trap', async () => {
    const r = fault(await run('function f(n) { return f(n + 1) + 1; } export function entrypoint() { return String(f(0)); }'));
    expect(r.message).toMatch(/stack overflow/u);
    expect(r.kind).toBe('trap');
    await next();
  });
  it('stops while(true) at the deadline', async () => {
    const r = fault(await run('export function entrypoint() { while (true) {} }', { deadlineMs: 200 }));
    expect(r.kind).toBe('timeout');
    await next();
  });
  it('stops while(true) at the deadline even with a frozen clock', async () => {
    const r = fault(await run('export function entrypoint() { for (;;) {} }', { deadlineMs: 200, clock: fixedClock(0n, 0n) }));
    expect(r.kind).toBe('timeout');
    await next();
  });
  it('stops a promise loop at the deadline', async () => {
    const r = fault(await run('export async function entrypoint() { for (;;) await null; }', { deadlineMs: 200 }));
    expect(r.kind).toBe('timeout');
    await next();
  });
  it('stops a chain of promise jobs that never ends at the deadline', async () => {
    const r = fault(await run('export function entrypoint() { return new Promise(() => { const spin = () => Promise.resolve().then(spin); spin(); }); }', { deadlineMs: 200 }));
    expect(r.kind).toBe('timeout');
    await next();
  });
  it('stops catastrophic regular-expression backtracking at the deadline', async () => {
    const r = fault(await run('export function entrypoint() { return String(/^(a+)+$/.test("a".repeat(40) + "b")); }', { deadlineMs: 200 }));
    expect(r.kind).toBe('timeout');
    await next();
  });
  it('reports a promise that can never settle', async () => {
    const r = fault(await run('export function entrypoint() { return new Promise(() => {}); }'));
    expect(r.kind).toBe('error');
    expect(r.message).toMatch(/can never settle/u);
  });
  it('caps outputs and streams (kind limit)', async () => {
    const r = fault(await run('export function entrypoint(a, ctx) { ctx.write("out", "x".repeat(100)); }', { maxOutputBytes: 10 }, { outputs: [{ name: 'out' }] }, { outputs: ['out'] }));
    expect(r.kind).toBe('limit');
    const s = fault(await run('export function entrypoint() { for (let i = 0; i < 100; i++) console.log("0123456789"); }', { streamBytes: 64 }));
    expect(s.kind).toBe('limit');
    expect(text(s.stdout)).toBe('0123456789\n'.repeat(5));
  });
});

/**
 * The shimkit WASI component, run for real: dist/component.wasm (built by `npm run build` with
 * ComponentizeJS from the bundle linked to @shimkit/os-unix/wasi) transpiled by jco and
 * instantiated in this Node process on @bytecodealliance/preview2-shim, the WASI 0.2 host.
 */

import { readFile } from 'node:fs/promises';
import { _clearPreopens } from '@bytecodealliance/preview2-shim/filesystem';
import { beforeAll, describe, expect, it } from 'vitest';

interface Component {
  generate(n: number): Uint8Array;
  status(): string;
  selfTest(): string;
  clocks(): [bigint, bigint];
}

const dist = new URL('../dist/', import.meta.url);
let component: Component;

/** Calls `fn`, which must fail with a jco ComponentError carrying a `failure` payload. */
function failureOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    expect((error as Error).constructor.name).toBe('ComponentError');
    return (error as { payload: { code: string; message: string } }).payload;
  }
  return expect.fail('expected the call to fail');
}

function zeroCount(bytes: Uint8Array): number {
  let zeros = 0;
  for (const b of bytes) if (b === 0) zeros++;
  return zeros;
}

beforeAll(async () => {
  // The component needs no filesystem; preview2-shim would otherwise preopen "/" for it.
  _clearPreopens();
  component = (await import(new URL('transpiled/component.js', dist).href)) as Component;
});

describe('the built artefact', () => {
  it('is a WebAssembly component (component-model layer), not a core module', async () => {
    const wasm = await readFile(new URL('component.wasm', dist));
    // Magic "\0asm", then version 0x0d and layer 0x01 (core modules have version 1, layer 0).
    expect([...wasm.subarray(0, 8)]).toEqual([0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00]);
    // The engine's core-module validator refuses it: it is not a core module.
    const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: { validate(b: Uint8Array): boolean } };
    expect(wasmApi.validate(wasm)).toBe(false);
  });
});

describe('generate', () => {
  it('returns exactly n bytes for 0, 1 and 70 000 (more than one 64 KiB chunk)', () => {
    const empty = component.generate(0);
    expect(empty).toBeInstanceOf(Uint8Array);
    expect(empty.length).toBe(0);
    expect(component.generate(1).length).toBe(1);
    const big = component.generate(70_000);
    expect(big.length).toBe(70_000);
    // ~273 zeros expected (sd ~16.5); an unfilled stretch would leave thousands.
    expect(zeroCount(big)).toBeGreaterThan(150);
    expect(zeroCount(big)).toBeLessThan(420);
    expect(zeroCount(big.subarray(65_536))).toBeLessThan(60);
  });

  it('gives different bytes on every call', () => {
    const a = component.generate(70_000);
    const b = component.generate(70_000);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    const small = new Set(Array.from({ length: 20 }, () => Buffer.from(component.generate(16)).toString('hex')));
    expect(small.size).toBe(20);
  });

  it('refuses more than 16 MiB with ERR_OUT_OF_RANGE, and keeps working afterwards', () => {
    expect(failureOf(() => component.generate(16 * 1024 * 1024 + 1))).toEqual({
      code: 'ERR_OUT_OF_RANGE',
      message: 'ShimkitRangeError: n must be an integer in [0, 16777216], got 16777217',
    });
    // jco lowers a u32 with `>>> 0`: -1 reaches the component as 2^32 - 1, and is refused.
    expect(failureOf(() => component.generate(-1))).toEqual({
      code: 'ERR_OUT_OF_RANGE',
      message: 'ShimkitRangeError: n must be an integer in [0, 16777216], got 4294967295',
    });
    expect(component.generate(16 * 1024 * 1024).length).toBe(16 * 1024 * 1024);
    expect(component.generate(3).length).toBe(3);
  });
});

describe('status', () => {
  it('names the wasi backend, its WASI sources and the byte source', () => {
    const { entropy, ...rest } = JSON.parse(component.status()) as Record<string, unknown>;
    expect(rest).toEqual({
      backend: 'wasi',
      sources: {
        backend: 'wasi',
        wasi: '0.2.12',
        osRandom: 'wasi:random/random get-random-bytes',
        monotonicClock: 'wasi:clocks/monotonic-clock now',
        wallClock: 'wasi:clocks/wall-clock now',
        cycleCounter: 'wasi:clocks/monotonic-clock now (low 32 bits)',
        sleep: 'wasi:clocks/monotonic-clock subscribe-instant + wasi:io/poll pollable',
        rdrand: {
          available: false,
          selfTest: 'unreachable',
          reason: 'a WebAssembly guest cannot execute CPU instructions outside the Wasm instruction set',
        },
        rdseed: {
          available: false,
          selfTest: 'unreachable',
          reason: 'a WebAssembly guest cannot execute CPU instructions outside the Wasm instruction set',
        },
        loopHooks: 'setTimeout task per StarlingMonkey event-loop turn (async export calls only)',
        console: 'wasi:cli/stderr',
        argv: 'wasi:cli/environment get-arguments',
        exit: 'wasi:cli/exit',
      },
      byteSource: '@shimkit/entropy default generator',
      generateMax: 16_777_216,
    });
    // generate() ran above, so the default generator is seeded: from timing (no RDSEED/RDRAND in
    // Wasm) and wasi:random, with the OS-random and bootstrap sources healthy.
    expect(entropy).toMatchObject({ backend: 'wasi', initialized: true, seededFrom: ['whirlwind', 'os-random'], timingOnly: false });
    const sources = (entropy as { sources: { name: string; available: boolean; healthy: boolean }[] }).sources;
    expect(sources.map((x) => [x.name, x.available, x.healthy])).toEqual([
      ['bootstrap', true, true],
      ['os-random', true, true],
      ['loop-timer', true, false],
      ['cpu-rng', false, false],
    ]);
  });

  it('two instances of the component never share a seed (nothing is seeded in the Wizer snapshot)', async () => {
    const other = (await import(new URL('transpiled/component.js?instance=2', dist).href)) as Component;
    expect(other).not.toBe(component);
    const a = Buffer.from(component.generate(32)).toString('hex');
    const b = Buffer.from(other.generate(32)).toString('hex');
    expect(a).not.toBe(b);
    expect(JSON.parse(other.status()).entropy.initialized).toBe(true);
  });
});

describe('clocks, compared with the host', () => {
  it('monotonicNs is the host monotonic clock, read between two host readings', () => {
    // preview2-shim serves wasi:clocks/monotonic-clock from process.hrtime.bigint().
    const before = process.hrtime.bigint();
    const [mono] = component.clocks();
    const after = process.hrtime.bigint();
    expect(mono).toBeGreaterThanOrEqual(before);
    expect(mono).toBeLessThanOrEqual(after);
  });

  it('monotonicNs advances with real time across a host sleep', async () => {
    // Bracket each guest read with host reads, so the bounds hold however long a call takes on a
    // loaded machine: the guest interval contains [b, c] and is contained in [a, d].
    const a = performance.now();
    const [m0] = component.clocks();
    const b = performance.now();
    await new Promise((r) => setTimeout(r, 60));
    const c = performance.now();
    const [m1] = component.clocks();
    const d = performance.now();
    const gotMs = Number(m1 - m0) / 1e6;
    expect(gotMs).toBeGreaterThanOrEqual((c - b) * 0.99 - 1);
    expect(gotMs).toBeLessThanOrEqual((d - a) * 1.01 + 1);
  });

  it('wallNs is within a second of the host wall clock', () => {
    const [, wall] = component.clocks();
    expect(Math.abs(Number(wall / 1_000_000n) - Date.now())).toBeLessThan(1000);
  });
});

describe('self-test inside the component', () => {
  it('passes every conformance-style check of the backend', () => {
    const report = JSON.parse(component.selfTest()) as { name: string; ok: boolean; detail?: string }[];
    expect(report.filter((r) => !r.ok)).toEqual([]);
    expect(report.map((r) => r.name)).toEqual([
      'names the wasi backend',
      'monotonicNs returns bigint and never goes back',
      'sleepNs resolves no earlier than asked',
      'sleepNs rejects bad arguments synchronously',
      'wallNs is a bigint after 2020',
      'cycles() is a uint32 that changes between consecutive calls',
      'no CPU RNG and no AES accelerator',
      'fill writes every byte of the view and nothing outside it',
      'fill accepts zero and small odd lengths, and two fills differ',
      'fill rejects bad arguments',
      'atEnterIter hooks run once per loop iteration and stop after unregister',
      'atEnterIter runs every registered hook and rejects a non-function',
      'atExitIter hooks run once per loop iteration and stop after unregister',
      'atExitIter runs every registered hook and rejects a non-function',
      'argv is an array of strings',
      'onShutdownRequest registers and unregisters, rejecting a non-function',
      'exit rejects a code outside [0, 255] without exiting',
      'console.log writes a line and rejects a non-string',
    ]);
  });
});

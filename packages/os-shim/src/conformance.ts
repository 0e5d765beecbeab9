/**
 * The conformance suite of the shimkit OS contract (`./contract.ts`).
 *
 * Every backend runs it against itself, in its own vitest project:
 *
 * ```ts
 * import { describeConformance } from '@shimkit/os-shim/conformance';
 * import { os } from './index.js';
 * describeConformance({ os, nextIteration: () => new Promise((r) => setImmediate(r)) });
 * ```
 *
 * It checks the MUSTs of the contract that can be observed from JavaScript: clock units and
 * monotonicity against the host's real time, cycle-counter change, per-iteration hooks,
 * the OS random source (every byte written, nothing outside, large and empty buffers), the CPU
 * RNG result shape, the optional clone/resume signal (`Lifecycle.onClone`), the optional AES-256-CTR accelerator (determinism, counter continuity and
 * wrap, partial blocks, bounds), the optional ChaCha20 accelerator (RFC 8439 block counter,
 * partial blocks, the end of the 32-bit counter space), and the rejection of bad arguments with the
 * right error class and code.
 * It needs vitest (a peer dependency) and runs under Node, including for backends whose real home
 * is elsewhere (Xen and Solo5 run here against host simulators). It uses no Node API, so it also
 * runs bundled inside a Web runtime with `describe` / `it` / `expect` supplied by a small runner
 * (os-web's tests in Chromium, Deno, Bun and workerd: `packages/web-runtimes`).
 */

import { describe, expect, it } from 'vitest';
import type { Os } from './contract.js';
import { TARGETS } from './presets.js';

/** What the suite needs besides the backend. */
export interface ConformanceHarness {
  /** The backend under test. */
  os: Os;
  /**
   * Resolves after exactly one more iteration of the backend's main loop has run (for Node:
   * `new Promise((r) => setImmediate(r))`; for a backend with its own loop, a driver of it).
   */
  nextIteration(): Promise<void>;
  /**
   * Whether `time.wallNs()` is expected to track the test host's `Date.now()` (true for real
   * clocks and for simulators fed from them; default true).
   */
  wallClockTracksHost?: boolean;
  /** Whether `Random` is expected to be present (checked both ways when given). */
  expectRandom?: boolean;
  /** Whether RDRAND is expected to be present (checked both ways when given). */
  expectRdrand?: boolean;
  /** Whether the `Cpu.aes256Ctr` accelerator is expected to be present (checked both ways when given). */
  expectAes256Ctr?: boolean;
  /** Whether the `Cpu.chacha20` accelerator is expected to be present (checked both ways when given). */
  expectChacha20?: boolean;
  /** Whether the optional `Lifecycle.onClone` is expected to be present (checked both ways when given). */
  expectOnClone?: boolean;
  /**
   * Makes the platform report one clone/resume to the backend (e.g. a simulator's suspend and
   * resume) and resolves once the backend has had the chance to run its hooks. When given, the
   * suite checks that `onClone` hooks fire once per event with a `CloneKind`.
   */
  triggerClone?: () => void | Promise<void>;
}

const MS = 1_000_000n;

function detachedBytes(): Uint8Array {
  const view = new Uint8Array(16);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

function expectArgError(fn: () => unknown, cls: typeof TypeError | typeof RangeError, code: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${cls.name} ${code}`).toBeInstanceOf(cls);
  expect((thrown as { code?: string }).code).toBe(code);
}

async function iterations(h: ConformanceHarness, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await h.nextIteration();
}

/**
 * Registers the conformance tests for `harness` (call it at the top level of a vitest test file;
 * vitest is a peer dependency of this export only).
 *
 * @example
 * describeConformance({ os, nextIteration: () => new Promise((r) => setImmediate(r)), expectRandom: true });
 */
export function describeConformance(harness: ConformanceHarness | (() => ConformanceHarness)): void {
  const get = typeof harness === 'function' ? harness : () => harness;

  describe(`os-shim conformance`, () => {
    it('names a known backend', () => {
      expect(TARGETS).toContain(get().os.name);
    });

    describe('Time', () => {
      it('monotonicNs returns bigint and never goes back', () => {
        const { time } = get().os;
        let last = time.monotonicNs();
        expect(typeof last).toBe('bigint');
        for (let i = 0; i < 20_000; i++) {
          const now = time.monotonicNs();
          if (now < last) expect.fail(`monotonicNs went back from ${last} to ${now}`);
          last = now;
        }
      });

      it('monotonicNs counts nanoseconds of real time across a real sleep', async () => {
        const { time } = get().os;
        for (const sleepMs of [30, 120]) {
          const host0 = performance.now();
          const t0 = time.monotonicNs();
          await new Promise((r) => setTimeout(r, sleepMs));
          const t1 = time.monotonicNs();
          const hostMs = performance.now() - host0;
          const gotMs = Number(t1 - t0) / 1e6;
          // Same interval measured twice: within 10 % plus 3 ms of scheduling noise.
          expect(gotMs).toBeGreaterThan(hostMs * 0.9 - 3);
          expect(gotMs).toBeLessThan(hostMs * 1.1 + 3);
        }
      });

      it('sleepNs resolves no earlier than asked', async () => {
        const { time } = get().os;
        const t0 = time.monotonicNs();
        await time.sleepNs(25n * MS);
        expect(time.monotonicNs() - t0).toBeGreaterThanOrEqual(25n * MS);
        const t1 = time.monotonicNs();
        await time.sleepNs(10_000_000);
        expect(time.monotonicNs() - t1).toBeGreaterThanOrEqual(10n * MS);
        await time.sleepNs(0);
      });

      it('sleepNs rejects bad arguments synchronously', () => {
        const { time } = get().os;
        expectArgError(() => time.sleepNs(-1), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => time.sleepNs(-1n), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => time.sleepNs(1.5), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => time.sleepNs(Number.NaN), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => time.sleepNs(2 ** 60), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => time.sleepNs('5' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => time.sleepNs(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });

      it('wallNs is nanoseconds since the epoch, within a second of the host clock', (ctx) => {
        const h = get();
        const wall = h.os.time.wallNs();
        expect(typeof wall).toBe('bigint');
        if (h.wallClockTracksHost === false) return ctx.skip();
        const diffMs = Math.abs(Number(wall / MS) - Date.now());
        expect(diffMs).toBeLessThan(1000);
      });
    });

    describe('Cpu', () => {
      it('cycles() is a uint32 that changes between consecutive calls', () => {
        const { cpu } = get().os;
        let prev = cpu.cycles();
        for (let i = 0; i < 5000; i++) {
          const next = cpu.cycles();
          if (!Number.isInteger(next) || next < 0 || next >= 2 ** 32) expect.fail(`cycles() returned ${next}`);
          if (next === prev) expect.fail(`cycles() returned ${next} twice in a row`);
          prev = next;
        }
      });

      for (const op of ['rdrand', 'rdseed'] as const) {
        it(`${op}, when present, returns 64-bit values or a failure that is not a value`, (ctx) => {
          const h = get();
          const draw = h.os.cpu[op];
          if (op === 'rdrand' && h.expectRdrand !== undefined) expect(draw !== undefined).toBe(h.expectRdrand);
          if (draw === undefined) return ctx.skip();
          let values = 0;
          for (let i = 0; i < 200; i++) {
            const r = draw.call(h.os.cpu);
            if (r.ok) {
              expect(typeof r.value).toBe('bigint');
              expect(r.value >= 0n && r.value < 1n << 64n).toBe(true);
              expect(r.value).not.toBe((1n << 64n) - 1n);
              expect('reason' in r).toBe(false);
              values++;
            } else {
              expect(['no-carry', 'all-ones']).toContain(r.reason);
              expect('value' in r).toBe(false);
            }
          }
          // RDRAND essentially never runs dry; RDSEED may, under load, but not 200 times in a row.
          expect(values).toBeGreaterThan(op === 'rdrand' ? 190 : 0);
        });
      }
    });

    describe('Cpu.aes256Ctr', () => {
      const key = (seed: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (seed * 31 + i * 7) & 0xff);
      const counterOf = (value: bigint): Uint8Array => {
        const c = new Uint8Array(16);
        for (let i = 15, v = value; i >= 0; i--, v >>= 8n) c[i] = Number(v & 0xffn);
        return c;
      };
      const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const run = (k: Uint8Array, c: Uint8Array, n: number): Uint8Array => {
        const dest = new Uint8Array(n);
        get().os.cpu.aes256Ctr!(k, c, dest);
        return dest;
      };

      it('is present exactly when expected', (ctx) => {
        const h = get();
        if (h.expectAes256Ctr === undefined) return ctx.skip();
        expect(typeof h.os.cpu.aes256Ctr === 'function').toBe(h.expectAes256Ctr);
      });

      it('is deterministic, overwrites dest, and leaves key and counter alone', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.aes256Ctr) return ctx.skip();
        const k = key(1);
        const c = counterOf(0x0102n);
        const a = run(k, c, 100);
        const b = new Uint8Array(100).fill(0x5a);
        cpu.aes256Ctr(k, c, b);
        expect(hex(b)).toBe(hex(a));
        expect(hex(k)).toBe(hex(key(1)));
        expect(hex(c)).toBe(hex(counterOf(0x0102n)));
        expect(a.some((x) => x !== 0)).toBe(true);
        expect(hex(run(key(2), c, 100))).not.toBe(hex(a));
        expect(hex(run(k, counterOf(0x0103n), 16))).not.toBe(hex(a.subarray(0, 16)));
        cpu.aes256Ctr(k, c, new Uint8Array(0));
      });

      it('continues the counter across blocks, partial blocks, 64 KiB and the 2^128 wrap', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.aes256Ctr) return ctx.skip();
        const k = key(3);
        // Every block of a long run equals a one-block run at that counter value, including
        // across byte carries and the wrap from 2^128 - 1 to 0.
        for (const start of [0n, 0xffn, 0xffff_ffff_ffff_ffffn, (1n << 128n) - 2n]) {
          const long = run(k, counterOf(start), 64);
          for (let i = 0; i < 4; i++) {
            const at = (start + BigInt(i)) & ((1n << 128n) - 1n);
            expect(hex(long.subarray(16 * i, 16 * i + 16)), `block ${i} after ${start}`).toBe(hex(run(k, counterOf(at), 16)));
          }
        }
        // A partial block is the prefix of the whole block; lengths across the 64 KiB mark agree.
        const full = run(k, counterOf(7n), 65_536 + 48);
        expect(hex(run(k, counterOf(7n), 5))).toBe(hex(full.subarray(0, 5)));
        expect(hex(run(k, counterOf(7n), 65_536 + 21))).toBe(hex(full.subarray(0, 65_536 + 21)));
        expect(hex(run(k, counterOf(7n + 4096n), 48))).toBe(hex(full.subarray(65_536)));
      });

      it('writes nothing outside dest', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.aes256Ctr) return ctx.skip();
        const backing = new Uint8Array(64).fill(0xa5);
        const view = backing.subarray(3, 3 + 37);
        cpu.aes256Ctr(key(4), counterOf(9n), view);
        expect(hex(view)).toBe(hex(run(key(4), counterOf(9n), 37)));
        expect([...backing.subarray(0, 3), ...backing.subarray(40)]).toEqual(Array(27).fill(0xa5));
      });

      it('rejects bad arguments before writing', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.aes256Ctr) return ctx.skip();
        const aes = cpu.aes256Ctr.bind(cpu);
        const dest = new Uint8Array(16);
        const c = counterOf(0n);
        expectArgError(() => aes('k' as never, c, dest), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => aes(key(0), [0] as never, dest), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => aes(key(0), c, new Uint32Array(4) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => aes(key(0), c, undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => aes(new Uint8Array(16), c, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => aes(new Uint8Array(33), c, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => aes(key(0), new Uint8Array(12), dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => aes(key(0), c, detachedBytes()), TypeError, 'ERR_DETACHED_BUFFER');
        expectArgError(() => aes(detachedBytes(), c, dest), TypeError, 'ERR_DETACHED_BUFFER');
        expect(dest.every((x) => x === 0)).toBe(true);
      });
    });

    describe('Cpu.chacha20', () => {
      const key = (seed: number): Uint8Array => Uint8Array.from({ length: 32 }, (_, i) => (seed * 29 + i * 11) & 0xff);
      const nonce = (seed: number): Uint8Array => Uint8Array.from({ length: 12 }, (_, i) => (seed * 13 + i) & 0xff);
      const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      const run = (k: Uint8Array, n: Uint8Array, counter: number, len: number): Uint8Array => {
        const dest = new Uint8Array(len);
        get().os.cpu.chacha20!(k, n, counter, dest);
        return dest;
      };

      it('is present exactly when expected', (ctx) => {
        const h = get();
        if (h.expectChacha20 === undefined) return ctx.skip();
        expect(typeof h.os.cpu.chacha20 === 'function').toBe(h.expectChacha20);
      });

      it('is deterministic, overwrites dest, and leaves key and nonce alone', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.chacha20) return ctx.skip();
        const a = run(key(1), nonce(1), 0, 100);
        const b = new Uint8Array(100).fill(0x5a);
        const k = key(1);
        const n = nonce(1);
        cpu.chacha20(k, n, 0, b);
        expect(hex(b)).toBe(hex(a));
        expect(hex(k)).toBe(hex(key(1)));
        expect(hex(n)).toBe(hex(nonce(1)));
        expect(a.some((x) => x !== 0)).toBe(true);
        expect(hex(run(key(2), nonce(1), 0, 100))).not.toBe(hex(a));
        expect(hex(run(key(1), nonce(2), 0, 100))).not.toBe(hex(a));
        cpu.chacha20(k, n, 0, new Uint8Array(0));
      });

      it('continues the block counter across blocks, partial blocks and 64 KiB, up to 2^32 - 1', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.chacha20) return ctx.skip();
        const k = key(3);
        const n = nonce(3);
        for (const start of [0, 1, 255, 0xffff_fffc]) {
          const long = run(k, n, start, 256);
          for (let i = 0; i < 4; i++) {
            expect(hex(long.subarray(64 * i, 64 * i + 64)), `block ${i} after ${start}`).toBe(hex(run(k, n, start + i, 64)));
          }
        }
        const full = run(k, n, 7, 65_536 + 128);
        expect(hex(run(k, n, 7, 5))).toBe(hex(full.subarray(0, 5)));
        expect(hex(run(k, n, 7, 65_536 + 21))).toBe(hex(full.subarray(0, 65_536 + 21)));
        expect(hex(run(k, n, 7 + 1024, 128))).toBe(hex(full.subarray(65_536)));
      });

      it('writes nothing outside dest', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.chacha20) return ctx.skip();
        const backing = new Uint8Array(96).fill(0xa5);
        const view = backing.subarray(3, 3 + 77);
        cpu.chacha20(key(4), nonce(4), 9, view);
        expect(hex(view)).toBe(hex(run(key(4), nonce(4), 9, 77)));
        expect([...backing.subarray(0, 3), ...backing.subarray(80)]).toEqual(Array(19).fill(0xa5));
      });

      it('rejects bad arguments, and lengths past the counter space, before writing', (ctx) => {
        const { cpu } = get().os;
        if (!cpu.chacha20) return ctx.skip();
        const chacha = cpu.chacha20.bind(cpu);
        const dest = new Uint8Array(65);
        expectArgError(() => chacha('k' as never, nonce(0), 0, dest), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => chacha(key(0), [0] as never, 0, dest), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => chacha(key(0), nonce(0), 0, new Uint32Array(4) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => chacha(key(0), nonce(0), '0' as never, dest), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => chacha(new Uint8Array(16), nonce(0), 0, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), new Uint8Array(16), 0, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), nonce(0), -1, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), nonce(0), 1.5, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), nonce(0), 2 ** 32, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), nonce(0), 0xffff_ffff, dest), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => chacha(key(0), nonce(0), 0, detachedBytes()), TypeError, 'ERR_DETACHED_BUFFER');
        expect(dest.every((x) => x === 0)).toBe(true);
        chacha(key(0), nonce(0), 0xffff_ffff, dest.subarray(0, 64));
      });
    });

    describe('Random', () => {
      it('is present exactly when expected', (ctx) => {
        const h = get();
        if (h.expectRandom === undefined) return ctx.skip();
        expect(h.os.random !== undefined).toBe(h.expectRandom);
      });

      it('fill writes every byte of the view and nothing outside it', (ctx) => {
        const { random } = get().os;
        if (!random) return ctx.skip();
        const n = (1 << 20) + 3; // above every 64 KiB chunking limit, not a multiple of anything
        const backing = new Uint8Array(n + 16).fill(0xa5);
        const view = backing.subarray(8, 8 + n);
        view.fill(0);
        random.fill(view);
        expect([...backing.subarray(0, 8)]).toEqual(Array(8).fill(0xa5));
        expect([...backing.subarray(8 + n)]).toEqual(Array(8).fill(0xa5));
        // Each byte is zero with probability 1/256: ~4096 zeros, sd ~64. An unwritten tail or
        // stretch would leave far more; count per 64 KiB stretch as well.
        let zeros = 0;
        for (let start = 0; start < n; start += 65_536) {
          let stretchZeros = 0;
          const end = Math.min(n, start + 65_536);
          for (let i = start; i < end; i++) if (view[i] === 0) stretchZeros++;
          expect(stretchZeros).toBeLessThan(((end - start) / 256) * 1.6 + 16);
          zeros += stretchZeros;
        }
        expect(zeros).toBeGreaterThan(n / 256 / 2);
        expect(zeros).toBeLessThan((n / 256) * 1.3);
      });

      it('fill accepts zero length and small odd lengths, and two fills differ', (ctx) => {
        const { random } = get().os;
        if (!random) return ctx.skip();
        random.fill(new Uint8Array(0));
        for (const len of [1, 7, 33]) {
          const a = new Uint8Array(len);
          random.fill(a);
          expect(a.length).toBe(len);
        }
        const a = new Uint8Array(32);
        const b = new Uint8Array(32);
        random.fill(a);
        random.fill(b);
        expect(a.every((x, i) => x === b[i])).toBe(false); // no Buffer: the suite also runs in Web runtimes
        expect(a.some((x) => x !== 0)).toBe(true);
      });

      it('fill rejects bad arguments', (ctx) => {
        const { random } = get().os;
        if (!random) return ctx.skip();
        expectArgError(() => random.fill('abc' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => random.fill(new ArrayBuffer(8) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => random.fill(new Uint16Array(4) as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => random.fill(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        expectArgError(() => random.fill(detachedBytes()), TypeError, 'ERR_DETACHED_BUFFER');
      });
    });

    describe('Main', () => {
      for (const which of ['atEnterIter', 'atExitIter'] as const) {
        it(`${which} hooks run once per loop iteration and stop after unregister`, async () => {
          const h = get();
          let calls = 0;
          const off = h.os.main[which](() => {
            calls++;
          });
          await h.nextIteration(); // let the registration take effect
          const before = calls;
          const k = 40;
          await iterations(h, k);
          expect(calls - before).toBeGreaterThanOrEqual(k - 1);
          expect(calls - before).toBeLessThanOrEqual(k + 1);
          off();
          off(); // idempotent
          await h.nextIteration();
          const stopped = calls;
          await iterations(h, 10);
          expect(calls).toBe(stopped);
        });

        it(`${which} runs every registered hook and rejects a non-function`, async () => {
          const h = get();
          const seen: string[] = [];
          const offA = h.os.main[which](() => void seen.push('a'));
          const offB = h.os.main[which](() => void seen.push('b'));
          await iterations(h, 3);
          offA();
          offB();
          expect(seen.filter((s) => s === 'a').length).toBeGreaterThanOrEqual(2);
          expect(seen.filter((s) => s === 'b').length).toBeGreaterThanOrEqual(2);
          expectArgError(() => h.os.main[which](42 as never), TypeError, 'ERR_INVALID_ARG_TYPE');
        });
      }

      it('cycleTrace, when present, collects one sample per iteration while started', async (ctx) => {
        const h = get();
        const trace = h.os.main.cycleTrace;
        if (!trace) return ctx.skip();
        expect(trace.capacity).toBeGreaterThanOrEqual(64);
        const sink = new Uint32Array(trace.capacity);
        const stop = trace.start();
        await h.nextIteration();
        trace.drain(sink);
        const k = 30;
        await iterations(h, k);
        const got = trace.drain(sink);
        expect(got).toBeGreaterThanOrEqual(k - 1);
        expect(got).toBeLessThanOrEqual(k + 1);
        const distinct = new Set(sink.subarray(0, got));
        expect(distinct.size).toBe(got);
        stop();
        stop();
        await h.nextIteration();
        trace.drain(sink);
        await iterations(h, 5);
        expect(trace.drain(sink)).toBe(0);
        expectArgError(() => trace.drain([] as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });
    });

    describe('Env, Lifecycle, Console', () => {
      it('argv is an array of strings', () => {
        const argv = get().os.env.argv();
        expect(Array.isArray(argv)).toBe(true);
        for (const a of argv) expect(typeof a).toBe('string');
      });

      it('onShutdownRequest registers and unregisters, rejecting a non-function', () => {
        const { lifecycle } = get().os;
        const off = lifecycle.onShutdownRequest(() => {});
        expect(typeof off).toBe('function');
        off();
        off();
        expectArgError(() => lifecycle.onShutdownRequest(null as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });

      it('exit rejects a code outside [0, 255] without exiting', () => {
        const { lifecycle } = get().os;
        expectArgError(() => lifecycle.exit(256), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => lifecycle.exit(-1), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => lifecycle.exit(1.5), RangeError, 'ERR_OUT_OF_RANGE');
        expectArgError(() => lifecycle.exit('0' as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });

      it('onClone (optional) is present exactly when expected, registers and unregisters, rejecting a non-function', (ctx) => {
        const h = get();
        const { lifecycle } = h.os;
        if (h.expectOnClone !== undefined) expect(typeof lifecycle.onClone === 'function').toBe(h.expectOnClone);
        if (!lifecycle.onClone) return ctx.skip();
        const off = lifecycle.onClone(() => {});
        expect(typeof off).toBe('function');
        off();
        off();
        expectArgError(() => lifecycle.onClone!(null as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });

      it('onClone hooks run once per clone event, with a CloneKind, and not after unregister', async (ctx) => {
        const h = get();
        const { lifecycle } = h.os;
        if (!lifecycle.onClone || !h.triggerClone) return ctx.skip();
        const a: string[] = [];
        const b: string[] = [];
        const offA = lifecycle.onClone((kind) => void a.push(kind));
        const offB = lifecycle.onClone((kind) => void b.push(kind));
        await h.triggerClone();
        expect(a).toHaveLength(1);
        expect(['snapshot-restore', 'resume', 'vm-generation']).toContain(a[0]);
        expect(b).toEqual(a);
        offA();
        await h.triggerClone();
        expect(a).toHaveLength(1);
        expect(b).toHaveLength(2);
        offB();
      });

      it('console.log takes a string and rejects anything else', () => {
        const { console: out } = get().os;
        expectArgError(() => out.log(5 as never), TypeError, 'ERR_INVALID_ARG_TYPE');
      });
    });
  });
}

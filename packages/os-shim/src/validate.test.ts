import { describe, expect, it } from 'vitest';
import {
  assertBytes,
  assertFunction,
  assertIntInRange,
  assertNonNegativeInteger,
  assertString,
  assertOptions,
  assertSafeInteger,
  assertWords,
  assertWritableBytes,
  isDetached,
  isReadOnly,
} from './validate.js';

function detached(): Uint8Array {
  const v = new Uint8Array(4);
  structuredClone(v.buffer, { transfer: [v.buffer] });
  return v;
}

function codeOf(fn: () => unknown): [string, string | undefined] {
  try {
    fn();
  } catch (e) {
    return [(e as Error).constructor.name, (e as { code?: string }).code];
  }
  return ['none', undefined];
}

describe('validate', () => {
  it('tells detached buffers from empty live ones', () => {
    expect(isDetached(new Uint8Array(0))).toBe(false);
    expect(isDetached(new Uint8Array(new ArrayBuffer(0)))).toBe(false);
    expect(isDetached(new Uint8Array(3))).toBe(false);
    expect(isDetached(detached())).toBe(true);
  });

  it('assertBytes / assertWords', () => {
    const b = new Uint8Array(2);
    expect(assertBytes(b, 'b')).toBe(b);
    expect(codeOf(() => assertBytes(new Int8Array(2), 'b'))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(codeOf(() => assertBytes(detached(), 'b'))).toEqual(['ShimkitTypeError', 'ERR_DETACHED_BUFFER']);
    expect(() => assertBytes('x', 'dest')).toThrow('dest must be a Uint8Array, got a string');
    expect(codeOf(() => assertWords(new Uint8Array(4), 'w'))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
  });

  it('assertNonNegativeInteger', () => {
    expect(assertNonNegativeInteger(5, 'n')).toBe(5n);
    expect(assertNonNegativeInteger(7n, 'n')).toBe(7n);
    expect(assertNonNegativeInteger(0, 'n')).toBe(0n);
    for (const bad of [-1, -1n, 0.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(codeOf(() => assertNonNegativeInteger(bad, 'n'))).toEqual(['ShimkitRangeError', 'ERR_OUT_OF_RANGE']);
    }
    for (const bad of ['1', null, undefined, {}]) {
      expect(codeOf(() => assertNonNegativeInteger(bad, 'n'))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    }
  });

  it('assertIntInRange, assertFunction, assertString', () => {
    expect(assertIntInRange(255, 'c', 0, 255)).toBe(255);
    expect(() => assertIntInRange(256, 'code', 0, 255)).toThrow('code must be an integer in [0, 255], got 256');
    expect(codeOf(() => assertIntInRange('1', 'c', 0, 1))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    const f = () => 1;
    expect(assertFunction(f, 'f')).toBe(f);
    expect(() => assertFunction(1, 'hook')).toThrow('hook must be a function, got number 1');
    expect(assertString('s', 's')).toBe('s');
    expect(codeOf(() => assertString(1, 's'))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
  });

  it('describes undefined once (not "undefined undefined")', () => {
    expect(() => assertIntInRange(undefined, 'n', 0, 1)).toThrow('n must be a number, got undefined');
    expect(() => assertIntInRange(undefined, 'n', 0, 1)).not.toThrow('undefined undefined');
  });

  it('assertOptions: undefined or an object with known keys; unknown keys are named', () => {
    expect(assertOptions(undefined, 'options', ['a'])).toEqual({});
    const o = { a: 1 };
    expect(assertOptions(o, 'options', ['a', 'b'])).toBe(o);
    expect(codeOf(() => assertOptions(null, 'options', ['a']))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(codeOf(() => assertOptions(5, 'options', ['a']))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(codeOf(() => assertOptions([], 'options', ['a']))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(() => assertOptions({ a: 1, bogus: 1 }, 'options', ['a', 'b'])).toThrow('options has unknown key "bogus"; allowed: a, b');
    expect(() => assertOptions({ x: 1, y: 2 }, 'opts', [])).toThrow('opts has unknown keys "x", "y"; allowed: none');
    expect(codeOf(() => assertOptions({ bogus: 1 }, 'options', ['a']))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
  });

  it("assertSafeInteger follows Node's crypto.randomInt: every non-safe-integer is ERR_INVALID_ARG_TYPE", () => {
    expect(assertSafeInteger(-(2 ** 53) + 1, 'max')).toBe(-(2 ** 53) + 1);
    expect(assertSafeInteger(0, 'max')).toBe(0);
    for (const bad of [1.5, Number.NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 53), '3', undefined, null, 10n]) {
      expect(codeOf(() => assertSafeInteger(bad, 'max'))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    }
    expect(() => assertSafeInteger(1.5, 'max')).toThrow('max must be a safe integer, got number 1.5');
    expect(() => assertSafeInteger(undefined, 'max')).toThrow(/got undefined$/);
  });

  it('assertWritableBytes: integer views and DataView over live writable buffers; floats refused', () => {
    const u8 = new Uint8Array(4);
    expect(assertWritableBytes(u8, 'dest', 4)).toBe(u8);
    const backing = new ArrayBuffer(16);
    for (const v of [new Uint32Array(backing, 4, 2), new DataView(backing, 3, 5), new BigInt64Array(backing, 8, 1), new Int16Array(backing)]) {
      const out = assertWritableBytes(v, 'dest', 16);
      expect(out.constructor).toBe(Uint8Array);
      expect([out.buffer, out.byteOffset, out.byteLength]).toEqual([backing, v.byteOffset, v.byteLength]);
    }
    for (const f of [new Float64Array(2), new Float32Array(2)]) {
      expect(codeOf(() => assertWritableBytes(f, 'dest', 16))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
      expect(() => assertWritableBytes(f, 'dest', 16)).toThrow(`dest must be an integer typed array or DataView, got ${f.constructor.name}`);
    }
    expect(codeOf(() => assertWritableBytes(new ArrayBuffer(4), 'dest', 16))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(codeOf(() => assertWritableBytes([1], 'dest', 16))).toEqual(['ShimkitTypeError', 'ERR_INVALID_ARG_TYPE']);
    expect(codeOf(() => assertWritableBytes(detached(), 'dest', 16))).toEqual(['ShimkitTypeError', 'ERR_DETACHED_BUFFER']);
    const frozen = new Uint8Array(8);
    Object.defineProperty(frozen.buffer, 'immutable', { value: true });
    expect(isReadOnly(frozen)).toBe(true);
    expect(codeOf(() => assertWritableBytes(frozen, 'dest', 16))).toEqual(['ShimkitTypeError', 'ERR_READ_ONLY_BUFFER']);
    expect(codeOf(() => assertWritableBytes(new Uint8Array(17), 'dest', 16))).toEqual(['ShimkitRangeError', 'ERR_OUT_OF_RANGE']);
  });
});

describe('assertOptionalFunction and assertOptions', () => {
  it('accepts undefined or a function, and names the argument otherwise', async () => {
    const { assertOptionalFunction } = await import('./validate.js');
    const f = (): number => 1;
    expect(assertOptionalFunction(undefined, 'cb')).toBeUndefined();
    expect(assertOptionalFunction(f, 'cb')).toBe(f);
    expect(() => assertOptionalFunction(1, 'options.cb')).toThrow(
      expect.objectContaining({ name: 'ShimkitTypeError', code: 'ERR_INVALID_ARG_TYPE', message: 'options.cb must be a function, got number 1' }),
    );
  });

  it('accepts undefined or a plain object of known keys, refusing unknown keys by name', async () => {
    const { assertOptions } = await import('./validate.js');
    expect(assertOptions(undefined, 'options', ['a'])).toEqual({});
    expect(assertOptions({ a: 1 }, 'options', ['a', 'b'])).toEqual({ a: 1 });
    expect(assertOptions(Object.create(null), 'options', ['a'])).toEqual({});
    expect(() => assertOptions({ a: 1, bogus: 2, x: 3 }, 'options', ['a'])).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE', message: 'options has unknown keys "bogus", "x"; allowed: a' }),
    );
    for (const bad of [null, [], 'x', new Date(0)]) {
      expect(() => assertOptions(bad, 'options', ['a'])).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    }
  });
});

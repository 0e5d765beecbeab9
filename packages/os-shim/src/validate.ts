/**
 * Argument checks shared by every backend, so that all of them reject bad input the same way
 * (same class, same `code`, same wording). Each function throws synchronously or returns the
 * value, narrowed.
 */

import { ShimkitRangeError, ShimkitTypeError } from './errors.js';

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  if (typeof value === 'object') return `an instance of ${value.constructor?.name ?? 'Object'}`;
  if (typeof value === 'string') return `a string`;
  return `${typeof value} ${String(value)}`;
}

/** True when `view`'s buffer has been detached (transferred); works on Node 20, which lacks `ArrayBuffer.prototype.detached`. */
export function isDetached(view: ArrayBufferView): boolean {
  const buffer = view.buffer as ArrayBuffer & { detached?: boolean };
  if (typeof buffer.detached === 'boolean') return buffer.detached;
  if (buffer.byteLength !== 0) return false;
  try {
    // Constructing a view over a detached buffer throws; over an empty live one it does not.
    new Uint8Array(buffer);
    return false;
  } catch {
    return true;
  }
}

/**
 * `value` MUST be a Uint8Array whose buffer is not detached.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` (not a Uint8Array) or `ERR_DETACHED_BUFFER`.
 * @example
 * const dest = assertBytes(input, 'dest');
 */
export function assertBytes(value: unknown, name: string): Uint8Array {
  if (!(value instanceof Uint8Array)) {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a Uint8Array, got ${describe(value)}`);
  }
  if (isDetached(value)) {
    throw new ShimkitTypeError('ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
  return value;
}

/**
 * `value` MUST be a Uint32Array whose buffer is not detached.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` (not a Uint32Array) or `ERR_DETACHED_BUFFER`.
 * @example
 * const sink = assertWords(input, 'dest');
 */
export function assertWords(value: unknown, name: string): Uint32Array {
  if (!(value instanceof Uint32Array)) {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a Uint32Array, got ${describe(value)}`);
  }
  if (isDetached(value)) {
    throw new ShimkitTypeError('ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
  return value;
}

/**
 * `value` MUST be a non-negative integer: a bigint, or a number that is a safe integer.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` (neither bigint nor number);
 *   {ShimkitRangeError} `ERR_OUT_OF_RANGE` (negative, fractional, NaN, unsafe).
 * @example
 * assertNonNegativeInteger(5, 'ns'); // 5n
 */
export function assertNonNegativeInteger(value: unknown, name: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new ShimkitRangeError(`${name} must be >= 0, got ${value}`);
    return value;
  }
  if (typeof value !== 'number') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a bigint or a number, got ${describe(value)}`);
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ShimkitRangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
  return BigInt(value);
}

/**
 * `value` MUST be an integer number in [min, max].
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` (not a number); {ShimkitRangeError} `ERR_OUT_OF_RANGE`.
 * @example
 * assertIntInRange(code, 'code', 0, 255);
 */
export function assertIntInRange(value: unknown, name: string, min: number, max: number): number {
  if (typeof value !== 'number') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ShimkitRangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/**
 * `value` MUST be a function.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE`.
 * @example
 * const fn = assertFunction<() => void>(hook, 'hook');
 */
export function assertFunction<F extends (...args: never[]) => unknown>(value: unknown, name: string): F {
  if (typeof value !== 'function') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a function, got ${describe(value)}`);
  }
  return value as F;
}

/**
 * `value` MUST be a string.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE`.
 * @example
 * assertString(line, 'line');
 */
export function assertString(value: unknown, name: string): string {
  if (typeof value !== 'string') {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a string, got ${describe(value)}`);
  }
  return value;
}

/**
 * `value` MUST be a function or `undefined` (an optional callback or host member).
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` otherwise.
 * @example
 * const onError = assertOptionalFunction<(e: unknown) => void>(options.onError, 'options.onError');
 */
export function assertOptionalFunction<F extends (...args: never[]) => unknown>(value: unknown, name: string): F | undefined {
  return value === undefined ? undefined : assertFunction<F>(value, name);
}

/**
 * `value` MUST be `undefined` (read as no options) or a plain object (not null, an array or a
 * class instance) whose own enumerable keys are all in `allowed`. Returns the object (or a frozen empty one).
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` when `value` is not an object, or names every
 *   unknown key (a misspelt option is an error, not silently ignored).
 * @example
 * const { clock } = assertOptions<{ clock?: () => bigint }>(options, 'options', ['clock']);
 */
export function assertOptions<T extends object>(value: unknown, name: string, allowed: readonly string[]): Partial<T> {
  if (value === undefined) return NO_OPTIONS as Partial<T>;
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (proto !== Object.prototype && proto !== null)) {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a plain object or undefined, got ${Array.isArray(value) ? 'an array' : describe(value)}`);
  }
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    const list = unknown.map((key) => JSON.stringify(key)).join(', ');
    throw new ShimkitTypeError(
      'ERR_INVALID_ARG_TYPE',
      `${name} has unknown key${unknown.length > 1 ? 's' : ''} ${list}; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
    );
  }
  return value as Partial<T>;
}

const NO_OPTIONS = Object.freeze({});

/**
 * `value` MUST be a safe integer (a `number`, integral, |value| ≤ 2^53 − 1). Follows Node's
 * `crypto.randomInt` convention: anything else — another type, a fraction, NaN, ±Infinity, an
 * unsafe integer — is a TypeError, since it is not of the type "safe integer".
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE`
 * @example assertSafeInteger(max, 'max');
 */
export function assertSafeInteger(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a safe integer, got ${describe(value)}`);
  }
  return value;
}

/** True when `view`'s buffer cannot be written (an immutable `ArrayBuffer`, where the engine has them). */
export function isReadOnly(view: ArrayBufferView): boolean {
  return (view.buffer as ArrayBuffer & { immutable?: boolean }).immutable === true;
}

/** True for the floating-point typed arrays (`Float16Array` where the engine has it). */
function isFloatView(view: ArrayBufferView): boolean {
  if (view instanceof Float64Array || view instanceof Float32Array) return true;
  const f16 = (globalThis as { Float16Array?: abstract new (...args: never[]) => ArrayBufferView }).Float16Array;
  return f16 !== undefined && view instanceof f16;
}

/**
 * `value` MUST be an integer-typed `ArrayBufferView` to write random bytes into: any integer
 * typed array (`Uint8Array`, `Int32Array`, `BigUint64Array`, Node's `Buffer`, …) or a
 * `DataView`, over a live (not detached), writable (not immutable) buffer, at most `max` bytes
 * long. Float arrays are refused, as Web Crypto's `getRandomValues` refuses them: random bits in
 * a float array are not random numbers (NaNs, infinities, subnormals). Returns a `Uint8Array`
 * over exactly the same bytes (`value` itself when it is a plain `Uint8Array`).
 *
 * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` (not a view, or a float array),
 *   `ERR_DETACHED_BUFFER`, `ERR_READ_ONLY_BUFFER`
 * @throws ShimkitRangeError `ERR_OUT_OF_RANGE` when `byteLength > max`
 * @example const out = assertWritableBytes(dest, 'dest', 2 ** 31 - 1);
 */
export function assertWritableBytes(value: unknown, name: string, max: number): Uint8Array {
  const plain = value instanceof Uint8Array && value.constructor === Uint8Array;
  if (!plain) {
    if (!ArrayBuffer.isView(value)) {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be an ArrayBufferView (an integer typed array or DataView), got ${describe(value)}`);
    }
    if (isFloatView(value)) {
      throw new ShimkitTypeError(
        'ERR_INVALID_ARG_TYPE',
        `${name} must be an integer typed array or DataView, got ${value.constructor.name} (random bits are not random floats)`,
      );
    }
  }
  const view = value as ArrayBufferView;
  if (view.byteLength === 0 && isDetached(view)) {
    throw new ShimkitTypeError('ERR_DETACHED_BUFFER', `${name} is backed by a detached ArrayBuffer`);
  }
  if (isReadOnly(view)) {
    throw new ShimkitTypeError('ERR_READ_ONLY_BUFFER', `${name} is backed by a read-only (immutable) ArrayBuffer`);
  }
  if (view.byteLength > max) {
    throw new ShimkitRangeError(`${name}.byteLength must be at most ${max}, got ${view.byteLength}`);
  }
  return plain ? (view as Uint8Array) : new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

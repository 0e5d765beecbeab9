/**
 * Argument checks shared by every backend, so that all of them reject bad input the same way
 * (same class, same `code`, same wording). Each function throws synchronously or returns the
 * value, narrowed.
 */

import { ShimkitRangeError, ShimkitTypeError } from './errors.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
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
 * `value` MUST be `undefined` or a plain options object (not null, an array or a class instance)
 * whose own keys are all in `allowed`. Returns the object (`{}` for `undefined`). Unknown keys are
 * refused by name, so a misspelt option is never silently ignored.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` when `value` is not a plain object;
 *   `ERR_INVALID_ARG_VALUE` when it has a key not in `allowed` (all unknown keys are named).
 * @example
 * const opts = assertOptions(options, 'options', ['timerPort', 'cmdLine']);
 */
export function assertOptions<K extends string>(value: unknown, name: string, allowed: readonly K[]): Partial<Record<K, unknown>> {
  if (value === undefined) return {};
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (proto !== Object.prototype && proto !== null)) {
    throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', `${name} must be a plain object or undefined, got ${describe(value)}`);
  }
  const unknown = Object.keys(value).filter((key) => !(allowed as readonly string[]).includes(key));
  if (unknown.length > 0) {
    throw new ShimkitTypeError(
      'ERR_INVALID_ARG_VALUE',
      `${name} has unknown option${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known: ${allowed.join(', ')}`,
    );
  }
  return value as Partial<Record<K, unknown>>;
}

/**
 * The shape of one builtin function: Teaclave's `pub const NAME` plus `run(arguments, runtime)`
 * (`function/src/*.rs`, `legacy` branch), with the registration data (declared arguments,
 * inputs, outputs) kept beside the code so a task written for Teaclave can be checked and run
 * unchanged.
 */

import type { ExecutorCall } from '../executor.js';
import type { FunctionSpec } from '../function.js';
import { FunctionFault } from '../result.js';

/** A builtin function. */
export interface BuiltinFunction {
  /** Teaclave's name (e.g. `builtin-echo`). */
  readonly name: string;
  /** Other names it answers to. */
  readonly aliases?: readonly string[];
  /** Its registration in Teaclave's shape (executor type `builtin`). */
  readonly spec: FunctionSpec;
  /** Runs it; returns the summary string. Throw `FunctionFault` to fail. */
  run(call: ExecutorCall): string;
}

/** A string argument, or a fault ('invalid') naming it. */
export function stringArg(call: ExecutorCall, key: string): string {
  const v = call.arguments[key];
  if (typeof v !== 'string') throw new FunctionFault('invalid', `argument "${key}" must be a string, got ${JSON.stringify(v) ?? 'nothing'}`);
  return v;
}

/** A non-negative integer argument (a JSON number, or a decimal string as Teaclave's clients send). */
export function uintArg(call: ExecutorCall, key: string, max = Number.MAX_SAFE_INTEGER): number {
  const v = call.arguments[key];
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,16}$/u.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n) || n < 0 || n > max) {
    throw new FunctionFault('invalid', `argument "${key}" must be an integer in [0, ${max}], got ${JSON.stringify(v) ?? 'nothing'}`);
  }
  return n;
}

/** A boolean argument (JSON boolean, or the strings "true" / "false"). */
export function boolArg(call: ExecutorCall, key: string): boolean {
  const v = call.arguments[key];
  if (v === true || v === 'true') return true;
  if (v === false || v === 'false') return false;
  throw new FunctionFault('invalid', `argument "${key}" must be a boolean, got ${JSON.stringify(v) ?? 'nothing'}`);
}

/** The whole input `name`. */
export function readInput(call: ExecutorCall, name: string): Uint8Array {
  return call.runtime.openInput(name).readAll();
}

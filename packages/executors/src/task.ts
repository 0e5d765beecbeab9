/**
 * Tasks: a function plus the values and bindings of one call, checked against the function's
 * declarations the way Teaclave's `Task::<Create>::new` checks them (`types/src/task_state.rs`,
 * `legacy` branch), but with a stable error code per fault instead of "mismatch" text:
 *
 * - every argument the task gives MUST be declared (`ERR_UNDECLARED_ARGUMENT`) and overridable
 *   (`ERR_ARGUMENT_NOT_OVERRIDABLE`); a declared argument the task does not give takes its
 *   default, and one without a default is `ERR_MISSING_ARGUMENT`;
 * - every bound input / output MUST be declared (`ERR_UNDECLARED_INPUT` / `_OUTPUT`); every
 *   declared non-optional one MUST be bound (`ERR_MISSING_INPUT` / `_OUTPUT`);
 * - an input larger than the cap is `ERR_INPUT_TOO_LARGE`.
 *
 * Arguments are merged in key order (Teaclave's `serde_json::Map` is ordered by key), which is the
 * order in which the WAMR ABI flattens them into `argv`.
 */

import { ExecutorError } from './errors.js';
import type { ArgumentValue, FunctionDefinition } from './function.js';

/** One call of a function. */
export interface TaskSpec {
  /** The registered function (`defineFunction`). */
  readonly function: FunctionDefinition;
  /** Argument values (only overridable, declared keys). */
  readonly arguments?: Readonly<Record<string, ArgumentValue>>;
  /** Input bindings: declared input name → its bytes. */
  readonly inputs?: Readonly<Record<string, Uint8Array>>;
  /** Output bindings: the declared outputs this call may create. */
  readonly outputs?: readonly string[];
}

/** A checked task. */
export interface Task {
  readonly function: FunctionDefinition;
  /** Every declared argument with its value, in key order. */
  readonly arguments: Readonly<Record<string, ArgumentValue>>;
  readonly inputs: ReadonlyMap<string, Uint8Array>;
  readonly outputs: ReadonlySet<string>;
}

/** Default cap on one input, in bytes (1 GiB). */
export const DEFAULT_MAX_INPUT_BYTES = 2 ** 30;

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Checks a task against its function and merges the defaults.
 *
 * @param maxInputBytes cap on each input (bytes); default `DEFAULT_MAX_INPUT_BYTES`.
 * @throws ExecutorError `ERR_UNDECLARED_ARGUMENT`, `ERR_ARGUMENT_NOT_OVERRIDABLE`,
 *   `ERR_MISSING_ARGUMENT`, `ERR_UNDECLARED_INPUT`, `ERR_MISSING_INPUT`, `ERR_UNDECLARED_OUTPUT`,
 *   `ERR_MISSING_OUTPUT`, `ERR_INPUT_TOO_LARGE`, `ERR_INVALID_ARGUMENT` (a value that is not
 *   JSON, an input that is not bytes).
 * @example
 * const task = createTask({ function: echo, arguments: { message: 'Hello Teaclave!' } });
 */
export function createTask(spec: TaskSpec, maxInputBytes = DEFAULT_MAX_INPUT_BYTES): Task {
  const fn = spec.function;
  const given = spec.arguments ?? {};
  const declared = new Map(fn.arguments.map((a) => [a.key, a]));
  for (const key of Object.keys(given)) {
    const d = declared.get(key);
    if (d === undefined) throw new ExecutorError('ERR_UNDECLARED_ARGUMENT', `argument "${key}" is not declared by function "${fn.name}"`);
    if (!d.allowOverwrite) {
      throw new ExecutorError('ERR_ARGUMENT_NOT_OVERRIDABLE', `argument "${key}" of function "${fn.name}" may not be overwritten by a task`);
    }
    checkJson(key, given[key]);
  }
  const args: Record<string, ArgumentValue> = {};
  for (const key of [...declared.keys()].sort()) {
    const d = declared.get(key)!;
    if (own(given, key)) args[key] = given[key]!;
    else if (d.defaultValue !== undefined) args[key] = d.defaultValue;
    else throw new ExecutorError('ERR_MISSING_ARGUMENT', `function "${fn.name}" needs argument "${key}" (it has no default)`);
  }

  const inputs = new Map<string, Uint8Array>();
  const givenInputs = spec.inputs ?? {};
  for (const name of Object.keys(givenInputs)) {
    if (!fn.inputs.some((f) => f.name === name)) {
      throw new ExecutorError('ERR_UNDECLARED_INPUT', `input "${name}" is not declared by function "${fn.name}"`);
    }
    const bytes = givenInputs[name];
    if (!(bytes instanceof Uint8Array)) throw new ExecutorError('ERR_INVALID_ARGUMENT', `input "${name}" must be a Uint8Array`);
    if (bytes.length > maxInputBytes) {
      throw new ExecutorError('ERR_INPUT_TOO_LARGE', `input "${name}" is ${bytes.length} bytes, above the cap of ${maxInputBytes}`);
    }
    inputs.set(name, bytes);
  }
  for (const f of fn.inputs) {
    if (!f.optional && !inputs.has(f.name)) {
      throw new ExecutorError('ERR_MISSING_INPUT', `function "${fn.name}" needs input "${f.name}"`);
    }
  }

  const outputs = new Set<string>();
  for (const name of spec.outputs ?? []) {
    if (!fn.outputs.some((f) => f.name === name)) {
      throw new ExecutorError('ERR_UNDECLARED_OUTPUT', `output "${name}" is not declared by function "${fn.name}"`);
    }
    outputs.add(name);
  }
  for (const f of fn.outputs) {
    if (!f.optional && !outputs.has(f.name)) {
      throw new ExecutorError('ERR_MISSING_OUTPUT', `function "${fn.name}" needs output "${f.name}" to be bound`);
    }
  }
  return Object.freeze({ function: fn, arguments: Object.freeze(args), inputs, outputs });
}

function checkJson(key: string, v: unknown, depth = 0): void {
  if (depth > 64) throw new ExecutorError('ERR_INVALID_ARGUMENT', `argument "${key}" is nested too deeply`);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ExecutorError('ERR_INVALID_ARGUMENT', `argument "${key}" is not a finite number`);
    return;
  }
  if (Array.isArray(v)) {
    for (const e of v) checkJson(key, e, depth + 1);
    return;
  }
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const e of Object.values(v as object)) checkJson(key, e, depth + 1);
    return;
  }
  throw new ExecutorError('ERR_INVALID_ARGUMENT', `argument "${key}" is not a JSON value`);
}

/**
 * Function registrations in Teaclave's shape (`types/src/function.rs` on Teaclave's `legacy`
 * branch: `Function { name, description, executor_type, payload, arguments, inputs, outputs }`,
 * `FunctionArgument { key, default_value, allow_overwrite }`, `FunctionInput/Output { name,
 * description, optional }`), with the payload as bytes (Teaclave's clients carried it as a string
 * and failed above ~700 KB).
 *
 * `defineFunction` checks a registration once, copies its payload and freezes it; tasks are
 * checked against it in `task.ts`. (A typed array cannot be frozen: the copy is the registration's
 * own, and no code of ours writes to it.)
 */

import { ExecutorError } from './errors.js';

/** A function argument's value: JSON (Teaclave keeps `serde_json::Value`s). */
export type ArgumentValue = string | number | boolean | null | ArgumentValue[] | { [key: string]: ArgumentValue };

/** A declared argument (Teaclave's `FunctionArgument`). */
export interface FunctionArgument {
  /** The argument's key. */
  readonly key: string;
  /**
   * The value used when a task does not give one (Teaclave's `default_value`, a string there; any
   * JSON value here). Absent: a task MUST give the argument (and `allowOverwrite` must be true).
   */
  readonly defaultValue?: ArgumentValue;
  /** Whether a task may give its own value (Teaclave's `allow_overwrite`). Default true. */
  readonly allowOverwrite?: boolean;
}

/** A declared input or output file (Teaclave's `FunctionInput` / `FunctionOutput`). */
export interface FunctionFile {
  readonly name: string;
  readonly description?: string;
  /** An optional file need not be bound by a task. Default false. */
  readonly optional?: boolean;
}

/** What an application registers. */
export interface FunctionSpec {
  /** For the builtin executor, the builtin's name (e.g. `builtin-echo`); for wasm, any name. */
  readonly name: string;
  readonly description?: string;
  /** The executor that runs it: `builtin`, `wasm` (alias `wamr`), or one you registered. */
  readonly executorType: string;
  /** The code: wasm module bytes, a script… Empty for builtins. */
  readonly payload?: Uint8Array;
  readonly arguments?: readonly FunctionArgument[];
  readonly inputs?: readonly FunctionFile[];
  readonly outputs?: readonly FunctionFile[];
}

/** A checked, frozen registration. */
export interface FunctionDefinition {
  readonly name: string;
  readonly description: string;
  readonly executorType: string;
  readonly payload: Uint8Array;
  readonly arguments: readonly DeclaredArgument[];
  readonly inputs: readonly DeclaredFile[];
  readonly outputs: readonly DeclaredFile[];
}

/** A checked argument declaration. */
export interface DeclaredArgument {
  readonly key: string;
  readonly allowOverwrite: boolean;
  readonly defaultValue?: ArgumentValue;
}

/** A checked file declaration. */
export interface DeclaredFile {
  readonly name: string;
  readonly description: string;
  readonly optional: boolean;
}

const NAME = /^[\w.:@/+-]{1,256}$/u;

function invalid(message: string): never {
  throw new ExecutorError('ERR_INVALID_FUNCTION', message);
}

function checkName(kind: string, value: unknown): string {
  if (typeof value !== 'string' || !NAME.test(value)) {
    invalid(`${kind} must be 1 to 256 characters of letters, digits and _ . : @ / + -, got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkFiles(kind: 'input' | 'output', files: readonly FunctionFile[] | undefined) {
  const seen = new Set<string>();
  return Object.freeze(
    (files ?? []).map((f) => {
      const name = checkName(`${kind} name`, f?.name);
      if (seen.has(name)) invalid(`${kind} "${name}" is declared twice`);
      seen.add(name);
      return Object.freeze({ name, description: f.description ?? '', optional: f.optional === true });
    }),
  );
}

/**
 * Checks and freezes a registration.
 *
 * @throws ExecutorError `ERR_INVALID_FUNCTION` for a bad name, executor type, payload, duplicate
 *   or malformed argument / input / output, or an argument that no task could ever supply (no
 *   default and not overridable).
 * @example
 * const fn = defineFunction({
 *   name: 'builtin-echo', executorType: 'builtin',
 *   arguments: [{ key: 'message' }],
 * });
 */
export function defineFunction(spec: FunctionSpec): FunctionDefinition {
  if (typeof spec !== 'object' || spec === null) invalid('a function registration must be an object');
  const name = checkName('function name', spec.name);
  const executorType = checkName('executorType', spec.executorType);
  const payload = spec.payload ?? new Uint8Array(0);
  if (!(payload instanceof Uint8Array)) invalid('payload must be a Uint8Array (bytes, not a string)');
  const seen = new Set<string>();
  const args = (spec.arguments ?? []).map((a) => {
    const key = checkName('argument key', a?.key);
    if (seen.has(key)) invalid(`argument "${key}" is declared twice`);
    seen.add(key);
    const allowOverwrite = a.allowOverwrite ?? true;
    if (typeof allowOverwrite !== 'boolean') invalid(`argument "${key}": allowOverwrite must be a boolean`);
    if (a.defaultValue === undefined && !allowOverwrite) {
      invalid(`argument "${key}" has no default and may not be overwritten: no task could give it a value`);
    }
    const declared: DeclaredArgument =
      a.defaultValue === undefined ? { key, allowOverwrite } : { key, allowOverwrite, defaultValue: a.defaultValue };
    return Object.freeze(declared);
  });
  return Object.freeze({
    name,
    description: spec.description ?? '',
    executorType,
    // A copy the registration owns: the caller's later writes to its array cannot change what runs,
    // and the module cache may memoise the payload's digest per array object (cache/module-cache.ts).
    payload: payload.slice(),
    arguments: Object.freeze(args),
    inputs: checkFiles('input', spec.inputs),
    outputs: checkFiles('output', spec.outputs),
  });
}

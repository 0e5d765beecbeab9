/**
 * The builtin executor (Teaclave `executor/src/builtin.rs`): runs the function whose name the
 * registration gives, from a table of builtins — Teaclave's, under Teaclave's names, arguments,
 * inputs and outputs, and ours. `builtinExecutor({ functions })` adds more builtins.
 */

import type { Executor } from '../executor.js';
import type { FunctionSpec } from '../function.js';
import { FunctionFault } from '../result.js';
import { digest } from './digest.js';
import { echo } from './echo.js';
import type { BuiltinFunction } from './function.js';
import { onlineDecrypt } from './online-decrypt.js';
import { orderedSetIntersect } from './ordered-set-intersect.js';
import { orderedSetJoin } from './ordered-set-join.js';
import { passwordCheck } from './password-check.js';
import { privateJoinAndCompute, privateJoinAndComputeSpec } from './private-join-and-compute.js';
import { randomBytes } from './random-bytes.js';
import { uuid } from './uuid.js';
import { checkOptionKeys } from '../options.js';

export type { BuiltinFunction } from './function.js';
export { privateJoinAndComputeSpec };

/** Every builtin this package ships. */
export const BUILTIN_FUNCTIONS: readonly BuiltinFunction[] = Object.freeze([
  echo,
  passwordCheck,
  orderedSetIntersect,
  orderedSetJoin,
  privateJoinAndCompute,
  onlineDecrypt,
  randomBytes,
  uuid,
  digest,
]);

/**
 * The registration of builtin `name` in Teaclave's shape, ready for `defineFunction`.
 * @throws ExecutorError never; returns undefined for an unknown name.
 * @example defineFunction(builtinFunctionSpec('builtin-echo')!)
 */
export function builtinFunctionSpec(name: string): FunctionSpec | undefined {
  return BUILTIN_FUNCTIONS.find((f) => f.name === name || f.aliases?.includes(name))?.spec;
}

/** Options of the builtin executor. */
export interface BuiltinExecutorOptions {
  /** More builtins (same names as shipped ones replace them). */
  readonly functions?: readonly BuiltinFunction[];
}

/**
 * The `builtin` executor.
 * @example const registry = createRegistry({ executors: [builtinExecutor()] });
 */
export function builtinExecutor(options: BuiltinExecutorOptions = {}): Executor {
  checkOptionKeys('builtinExecutor options', options, ['functions']);
  const table = new Map<string, BuiltinFunction>();
  for (const f of [...BUILTIN_FUNCTIONS, ...(options.functions ?? [])]) {
    for (const n of [f.name, ...(f.aliases ?? [])]) table.set(n, f);
  }
  return {
    name: 'builtin',
    execute(call) {
      const f = table.get(call.function.name);
      if (f === undefined) throw new FunctionFault('invalid', `Function not found: no builtin named "${call.function.name}"`);
      return { value: f.run(call) };
    },
  };
}

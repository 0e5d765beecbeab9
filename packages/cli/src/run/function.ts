/**
 * What `shimkit run FUNCTION|FILE` runs: a builtin of `@shimkit/executors` by its Teaclave-style
 * name (`builtin-echo`), or a file whose extension picks the executor — `.wasm` → wasm (a WASI
 * command, a Teaclave WAMR-ABI `entrypoint`, or an export named like the file), `.py` → python
 * (Teaclave's `entrypoint(argv)`), `.js` / `.mjs` → js (`entrypoint(args, ctx)`). A file's
 * registration declares exactly the arguments, inputs and outputs the command line binds; a
 * builtin keeps its own registration (so an undeclared `--arg` is refused before it runs).
 */

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { BUILTIN_FUNCTIONS, builtinFunctionSpec, type FunctionSpec } from '@shimkit/executors';
import { CliError } from '../exit-codes.js';

/** File extension → executor type. */
export const EXECUTOR_BY_EXTENSION: Readonly<Record<string, string>> = Object.freeze({
  '.wasm': 'wasm',
  '.py': 'python',
  '.js': 'js',
  '.mjs': 'js',
});

/** The names bound on the command line. */
export interface Bindings {
  readonly argumentKeys: readonly string[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Whether `target` names a file (a path, or a name with a file extension) rather than a builtin. */
export function isFileTarget(target: string): boolean {
  return target.includes('/') || target.includes('\\') || extname(target) !== '';
}

/**
 * The registration for `target`.
 * @throws CliError `usage` (unknown builtin, unsupported extension), `missingFile` (no such file).
 */
export function resolveFunction(target: string, bindings: Bindings): FunctionSpec {
  if (!isFileTarget(target)) {
    const spec = builtinFunctionSpec(target);
    if (spec === undefined) {
      throw new CliError('usage', `unknown function "${target}"; builtins: ${BUILTIN_FUNCTIONS.map((f) => f.name).join(', ')}; or a .wasm, .py, .js or .mjs file`);
    }
    return spec;
  }
  const ext = extname(target).toLowerCase();
  const executorType = EXECUTOR_BY_EXTENSION[ext];
  if (executorType === undefined) throw new CliError('usage', `cannot run "${target}": use a .wasm, .py, .js or .mjs file, or a builtin name`);
  const payload = readFileArgument(target, 'function file');
  return {
    // The function's name: the file's base name in the characters a registration allows.
    name: basename(target, extname(target)).replace(/[^\w.:@+-]/gu, '_').slice(0, 256) || 'main',
    description: `${target}, run by shimkit run`,
    executorType,
    payload,
    arguments: bindings.argumentKeys.map((key) => ({ key })),
    inputs: bindings.inputs.map((name) => ({ name })),
    outputs: bindings.outputs.map((name) => ({ name })),
  };
}

/**
 * The bytes of a file the command needs.
 * @throws CliError `missingFile` when it is absent, a directory or unreadable.
 */
export function readFileArgument(path: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? e);
    throw new CliError('missingFile', `missing file: ${path} (${what}: ${why})`);
  }
}

/**
 * `builtin-password-check` (Teaclave `function/src/password_check.rs`): "true" when the first
 * line of input `password` (trimmed) is one of the lines of input `exposed_passwords` (each
 * trimmed), else "false". Arguments: none. Inputs: `password`, `exposed_passwords`.
 */

import { FunctionFault } from '../result.js';
import { rustLines, utf8Decode } from '../text.js';
import { type BuiltinFunction, readInput } from './function.js';

function text(bytes: Uint8Array, name: string): string {
  const s = utf8Decode(bytes);
  if (s === undefined) throw new FunctionFault('error', `input "${name}" is not UTF-8 text`);
  return s;
}

export const passwordCheck: BuiltinFunction = {
  name: 'builtin-password-check',
  spec: {
    name: 'builtin-password-check',
    description: 'Check whether a password is exposed.',
    executorType: 'builtin',
    inputs: [{ name: 'password' }, { name: 'exposed_passwords' }],
  },
  run(call) {
    const first = rustLines(text(readInput(call, 'password'), 'password'))[0];
    if (first === undefined) throw new FunctionFault('error', 'input "password" is empty');
    const password = first.trim();
    const exposed = new Set(rustLines(text(readInput(call, 'exposed_passwords'), 'exposed_passwords')).map((l) => l.trim()));
    return exposed.has(password) ? 'true' : 'false';
  },
};

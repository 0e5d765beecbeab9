/**
 * `builtin-echo` (Teaclave `function/src/echo.rs`): returns its argument `message`.
 * Arguments: `message` (string). Inputs: none. Outputs: none.
 */

import { type BuiltinFunction, stringArg } from './function.js';

export const echo: BuiltinFunction = {
  name: 'builtin-echo',
  spec: { name: 'builtin-echo', description: 'Native Echo Function', executorType: 'builtin', arguments: [{ key: 'message' }] },
  run: (call) => stringArg(call, 'message'),
};

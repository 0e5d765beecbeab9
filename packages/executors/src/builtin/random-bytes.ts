/**
 * `builtin-random-bytes` (ours): `length` bytes from the call's random source (by default
 * `@shimkit/entropy`'s generator). Returns them as lower-case hex; when output `random_bytes` is
 * bound, also writes the raw bytes there. Arguments: `length` (0 to 1 MiB, default 32).
 */

import { toHex } from '../text.js';
import { type BuiltinFunction, uintArg } from './function.js';

export const randomBytes: BuiltinFunction = {
  name: 'builtin-random-bytes',
  spec: {
    name: 'builtin-random-bytes',
    description: 'Random bytes from the shimkit entropy generator',
    executorType: 'builtin',
    arguments: [{ key: 'length', defaultValue: 32 }],
    outputs: [{ name: 'random_bytes', optional: true }],
  },
  run(call) {
    const bytes = call.random.fill(new Uint8Array(uintArg(call, 'length', 2 ** 20)));
    if (call.runtime.outputNames().includes('random_bytes')) call.runtime.createOutput('random_bytes').write(bytes);
    return toHex(bytes);
  },
};

/**
 * `builtin-uuid` (ours): `count` RFC 9562 §5.4 version-4 UUIDs (122 random bits from the call's
 * random source, version 0b0100, variant 0b10), lower-case, one per line. Arguments: `count`
 * (1 to 4096, default 1).
 */

import { FunctionFault } from '../result.js';
import { toHex } from '../text.js';
import { type BuiltinFunction, uintArg } from './function.js';

export const uuid: BuiltinFunction = {
  name: 'builtin-uuid',
  spec: { name: 'builtin-uuid', description: 'Version 4 UUIDs', executorType: 'builtin', arguments: [{ key: 'count', defaultValue: 1 }] },
  run(call) {
    const count = uintArg(call, 'count', 4096);
    if (count < 1) throw new FunctionFault('invalid', 'argument "count" must be at least 1');
    const b = call.random.fill(new Uint8Array(16 * count));
    const out: string[] = [];
    for (let k = 0; k < count; k++) {
      const u = b.subarray(16 * k, 16 * k + 16);
      u[6] = (u[6]! & 0x0f) | 0x40;
      u[8] = (u[8]! & 0x3f) | 0x80;
      const h = toHex(u);
      out.push(`${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`);
    }
    b.fill(0);
    return out.join('\n');
  },
};

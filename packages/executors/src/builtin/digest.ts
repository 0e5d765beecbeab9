/**
 * `builtin-digest` (ours): the SHA-256 or SHA-512 (FIPS 180-4, @noble/hashes) digest of input
 * `input`, streamed in 64 KiB chunks, returned as lower-case hex; when output `digest` is bound
 * the raw digest is written there too. Arguments: `algorithm` ("sha256" default, or "sha512").
 */

import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { FunctionFault } from '../result.js';
import { toHex } from '../text.js';
import { type BuiltinFunction, stringArg } from './function.js';

export const digest: BuiltinFunction = {
  name: 'builtin-digest',
  spec: {
    name: 'builtin-digest',
    description: 'SHA-256 / SHA-512 digest of an input',
    executorType: 'builtin',
    arguments: [{ key: 'algorithm', defaultValue: 'sha256' }],
    inputs: [{ name: 'input' }],
    outputs: [{ name: 'digest', optional: true }],
  },
  run(call) {
    const algorithm = stringArg(call, 'algorithm');
    const h = algorithm === 'sha256' ? sha256.create() : algorithm === 'sha512' ? sha512.create() : undefined;
    if (h === undefined) throw new FunctionFault('invalid', `argument "algorithm" must be "sha256" or "sha512", got "${algorithm}"`);
    const input = call.runtime.openInput('input');
    const chunk = new Uint8Array(65536);
    for (let n = input.read(chunk); n > 0; n = input.read(chunk)) h.update(chunk.subarray(0, n));
    const d = h.digest();
    if (call.runtime.outputNames().includes('digest')) call.runtime.createOutput('digest').write(d);
    return toHex(d);
  },
};

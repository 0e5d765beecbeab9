/**
 * `builtin-private-join-and-compute` (Teaclave `function/src/private_join_and_compute.rs`):
 * `num_user` parties each give lines `identity : amount` (u32); the identities all parties share
 * are written with the sum of their amounts, as `identity, total\n`, to every party's output.
 * The summary is "N users join the task in total.".
 *
 * Arguments: `num_user` (≥ 2). Inputs: `input_data0` … `input_data{n-1}`. Outputs:
 * `output_data0` … `output_data{n-1}`. Lines shorter than 3 characters, without exactly one `:`,
 * or with an amount that is not a u32 are skipped, as in Teaclave. Teaclave writes the result in
 * hash-map order (differs from run to run); we write it sorted by identity (code-point order), so
 * the output is reproducible. A total above 2^32 − 1 is an error (Teaclave's `u32` add).
 */

import { FunctionFault } from '../result.js';
import { utf8Decode, utf8Encode } from '../text.js';
import { compareCodePoints } from './csv.js';
import { type BuiltinFunction, readInput, uintArg } from './function.js';

const U32_MAX = 2 ** 32 - 1;

function parse(bytes: Uint8Array, name: string): Map<string, number> {
  const s = utf8Decode(bytes);
  if (s === undefined) throw new FunctionFault('error', `input "${name}" is not UTF-8 text`);
  const m = new Map<string, number>();
  for (const item of s.split('\n')) {
    const pair = item.trim();
    if ([...pair].length < 3) continue;
    const kv = pair.split(':');
    if (kv.length !== 2) continue;
    const amount = kv[1]!.trim();
    if (!/^\+?\d+$/u.test(amount)) continue;
    const n = Number(amount);
    if (n > U32_MAX) continue;
    m.set(kv[0]!.trim(), n);
  }
  return m;
}

/** The registration for `parties` parties (Teaclave registers one input and one output per party). */
export function privateJoinAndComputeSpec(parties: number) {
  const idx = Array.from({ length: parties }, (_, i) => i);
  return {
    name: 'builtin-private-join-and-compute',
    description: 'Calculate the result of private join and compute',
    executorType: 'builtin',
    arguments: [{ key: 'num_user' }],
    inputs: idx.map((i) => ({ name: `input_data${i}` })),
    outputs: idx.map((i) => ({ name: `output_data${i}` })),
  };
}

export const privateJoinAndCompute: BuiltinFunction = {
  name: 'builtin-private-join-and-compute',
  spec: privateJoinAndComputeSpec(3),
  run(call) {
    const n = uintArg(call, 'num_user', 1024);
    if (n < 2) throw new FunctionFault('error', 'The demo requires at least two parties!');
    let acc = parse(readInput(call, 'input_data0'), 'input_data0');
    for (let i = 1; i < n; i++) {
      const next = parse(readInput(call, `input_data${i}`), `input_data${i}`);
      const joined = new Map<string, number>();
      for (const [id, amount] of next) {
        const prev = acc.get(id);
        if (prev === undefined) continue;
        const total = amount + prev;
        if (total > U32_MAX) throw new FunctionFault('error', `the total of "${id}" overflows a u32`);
        joined.set(id, total);
      }
      acc = joined;
    }
    const lines = [...acc].sort((a, b) => compareCodePoints(a[0], b[0])).map(([id, total]) => `${id}, ${total}\n`);
    const bytes = utf8Encode(lines.join(''));
    for (let i = 0; i < n; i++) call.runtime.createOutput(`output_data${i}`).write(bytes);
    return `${n} users join the task in total.`;
  },
};

/**
 * `builtin-ordered-set-intersect` (Teaclave `function/src/ordered_set_intersect.rs`): two sorted
 * lists of hex-encoded values (one per line) in; for each list a string of `0`/`1` flags saying
 * which of its items are in the other list; the summary is "N common items".
 *
 * Arguments: `order` — "ascending" or "desending" (Teaclave's spelling; "descending" is accepted
 * too). Inputs: `input_data1`, `input_data2`. Outputs: `output_result1`, `output_result2`. An
 * input out of order is an error ("Invalid ordering"), as in Teaclave.
 */

import { FunctionFault } from '../result.js';
import { compareBytes, fromHex, rustLines, utf8Decode } from '../text.js';
import { type BuiltinFunction, readInput, stringArg } from './function.js';

function parse(bytes: Uint8Array, ascending: boolean, name: string): Uint8Array[] {
  const s = utf8Decode(bytes);
  if (s === undefined) throw new FunctionFault('error', `input "${name}" is not UTF-8 text`);
  const items: Uint8Array[] = [];
  for (const line of rustLines(s)) {
    const v = fromHex(line);
    if (v === undefined) throw new FunctionFault('error', `input "${name}": "${line.slice(0, 80)}" is not hex`);
    const last = items[items.length - 1];
    if (last !== undefined && (ascending ? compareBytes(v, last) < 0 : compareBytes(v, last) > 0)) {
      throw new FunctionFault('error', `input "${name}": Invalid ordering`);
    }
    items.push(v);
  }
  return items;
}

export const orderedSetIntersect: BuiltinFunction = {
  name: 'builtin-ordered-set-intersect',
  spec: {
    name: 'builtin-ordered-set-intersect',
    description: 'Native Private Set Intersection',
    executorType: 'builtin',
    arguments: [{ key: 'order', defaultValue: 'ascending' }],
    inputs: [{ name: 'input_data1' }, { name: 'input_data2' }],
    outputs: [{ name: 'output_result1' }, { name: 'output_result2' }],
  },
  run(call) {
    const out1 = call.runtime.createOutput('output_result1');
    const out2 = call.runtime.createOutput('output_result2');
    const order = stringArg(call, 'order');
    if (order !== 'ascending' && order !== 'desending' && order !== 'descending') {
      throw new FunctionFault('invalid', `argument "order" must be "ascending" or "desending", got "${order}"`);
    }
    const asc = order === 'ascending';
    const a = parse(readInput(call, 'input_data1'), asc, 'input_data1');
    const b = parse(readInput(call, 'input_data2'), asc, 'input_data2');
    const fa = new Uint8Array(a.length).fill(0x30);
    const fb = new Uint8Array(b.length).fill(0x30);
    let i = 0;
    let j = 0;
    let common = 0;
    while (i < a.length && j < b.length) {
      const c = compareBytes(a[i]!, b[j]!);
      if (c === 0) {
        fa[i++] = 0x31;
        fb[j++] = 0x31;
        common++;
      } else if (c < 0 === asc) i++;
      else j++;
    }
    out1.write(fa);
    out2.write(fb);
    return `${common} common items`;
  },
};

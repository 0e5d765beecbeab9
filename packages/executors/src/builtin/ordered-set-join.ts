/**
 * `builtin-ordered-set-join` (Teaclave `function/src/ordered_set_join.rs`): a merge join of two
 * CSV files sorted on a key column; each matching pair of records is written as one record —
 * the left record (without its key column when `drop` is true) followed by the right record
 * without its key column. The summary is "N records".
 *
 * Arguments: `left_column`, `right_column` (0-based), `ascending`, `drop` (booleans). Inputs:
 * `input_data1`, `input_data2`. Output: `output_result`. As in Teaclave, after a match both
 * sides advance, and the join stops when either side ends.
 */

import { FunctionFault } from '../result.js';
import { utf8Decode, utf8Encode } from '../text.js';
import { compareCodePoints, formatCsvRecord, parseCsv } from './csv.js';
import { boolArg, type BuiltinFunction, readInput, uintArg } from './function.js';

function records(call: Parameters<BuiltinFunction['run']>[0], name: string): string[][] {
  const s = utf8Decode(readInput(call, name));
  if (s === undefined) throw new FunctionFault('error', `input "${name}" is not UTF-8 text`);
  const r = parseCsv(s);
  if (r === undefined) throw new FunctionFault('error', `input "${name}" has an unterminated quoted field`);
  if (r.length === 0) throw new FunctionFault('error', `${name === 'input_data1' ? 'input1' : 'input2'} is empty`);
  const width = r[0]!.length;
  const bad = r.findIndex((rec) => rec.length !== width);
  if (bad >= 0) throw new FunctionFault('error', `input "${name}": record ${bad + 1} has ${r[bad]!.length} fields, the first has ${width}`);
  return r;
}

const without = (rec: readonly string[], index: number): string[] => rec.filter((_, i) => i !== index);

export const orderedSetJoin: BuiltinFunction = {
  name: 'builtin-ordered-set-join',
  spec: {
    name: 'builtin-ordered-set-join',
    description: 'Join two sets of CSV data based on the specified sorted columns.',
    executorType: 'builtin',
    arguments: [{ key: 'left_column' }, { key: 'right_column' }, { key: 'ascending' }, { key: 'drop' }],
    inputs: [{ name: 'input_data1' }, { name: 'input_data2' }],
    outputs: [{ name: 'output_result' }],
  },
  run(call) {
    const left = uintArg(call, 'left_column');
    const right = uintArg(call, 'right_column');
    const ascending = boolArg(call, 'ascending');
    const drop = boolArg(call, 'drop');
    const r1 = records(call, 'input_data1');
    const r2 = records(call, 'input_data2');
    const out = call.runtime.createOutput('output_result');
    let i = 0;
    let j = 0;
    let count = 0;
    let text = '';
    while (i < r1.length && j < r2.length) {
      const a = r1[i]!;
      const b = r2[j]!;
      if (left >= a.length || right >= b.length) throw new FunctionFault('error', 'invalid index');
      const c = compareCodePoints(a[left]!, b[right]!);
      if (c === 0) {
        text += formatCsvRecord([...(drop ? without(a, left) : a), ...without(b, right)]);
        count++;
        i++;
        j++;
      } else if (c < 0 === ascending) i++;
      else j++;
    }
    out.write(utf8Encode(text));
    return `${count} records`;
  },
};

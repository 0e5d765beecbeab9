/**
 * `Console` on Node (native and fallback paths alike): one line, and a newline, to stderr
 * (`process.stderr.write`), so that a program's stdout stays its own.
 */

import type { Console } from '@shimkit/os-shim/contract';
import { assertString } from '@shimkit/os-shim/validate';

export const console: Console = {
  log(line) {
    process.stderr.write(`${assertString(line, 'line')}\n`);
  },
};

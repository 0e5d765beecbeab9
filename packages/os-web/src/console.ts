/**
 * `Console` on the Web platform: one line through `console.error` (the console's error level,
 * which Deno, Bun and Node print to stderr, browsers show in DevTools and forward to a driving
 * test, and workerd writes to its log). `console.error` is captured when this module loads.
 * Runtimes give no lower-level output; a Web page has no stderr at all.
 */

import type { Console } from '@shimkit/os-shim/contract';
import { assertString } from '@shimkit/os-shim/validate';
import { web } from './web-globals.js';

const sink = web.console;
const write: (line: string) => void =
  sink && typeof sink.error === 'function' ? sink.error.bind(sink) : () => {};

export const console: Console = {
  /** @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` when `line` is not a string. */
  log(line) {
    write(assertString(line, 'line'));
  },
};

/**
 * `Console` for a unikernel guest over the host's raw byte-writing call: `log(line)` writes the
 * line as UTF-8 (encoded by `./utf8.ts`, the engine has no `TextEncoder`) followed by `\n`, in one
 * host call. The same writer is the main loop's uncaught-error path (`report`): a hook that
 * throws is described on one line (its stack when it has one), never swallowed.
 */

import type { Console } from '@shimkit/os-shim/contract';
import { assertString } from '@shimkit/os-shim/validate';
import { encodeUtf8 } from './utf8.js';

/** The prefix of the line `report` writes. */
export const HOOK_ERROR_PREFIX = 'shimkit: uncaught error in a main-loop hook: ';

export interface GuestConsole {
  /** The contract's `Console`. */
  readonly console: Console;
  /** Writes `line` and a newline, unchecked (for the backend's own messages). */
  writeLine(line: string): void;
  /** The uncaught-error path handed to the main loop and the hook lists. */
  report(error: unknown): void;
}

/** An error as one console message: its stack, else `name: message`, else `String(error)`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * A guest console over the host's raw byte writer.
 *
 * @throws {ShimkitTypeError} `ERR_INVALID_ARG_TYPE` from `console.log` when `line` is not a string (nothing is written).
 * @example
 * const { console, report } = createGuestConsole((bytes) => host.solo5_console_write(bytes));
 * console.log('héllo'); // one host call: UTF-8 + '\n'
 */
export function createGuestConsole(write: (bytes: Uint8Array) => void): GuestConsole {
  const writeLine = (line: string): void => write(encodeUtf8(`${line}\n`));
  return {
    console: { log: (line: string) => writeLine(assertString(line, 'line')) },
    writeLine,
    report: (error: unknown): void => writeLine(`${HOOK_ERROR_PREFIX}${describeError(error)}`),
  };
}

/**
 * `Env.argv` from a unikernel command line: the bytes the toolstack passed (Xen
 * `start_info.cmd_line`, Solo5 `solo5_start_info.cmdline`), decoded as UTF-8 and split on runs of
 * ASCII whitespace, the way Mini-OS and MirageOS's boot-parameter parser tokenise it. There is
 * no program name on these platforms, so every token is an argument. No quoting.
 */

import type { Env } from '@shimkit/os-shim/contract';
import { decodeUtf8 } from './utf8.js';

/**
 * The arguments of a command line: UTF-8 up to the first NUL, split on runs of ASCII whitespace.
 *
 * @example
 * parseCmdLine(new TextEncoder().encode('a  b\0c')); // ['a', 'b']
 */
export function parseCmdLine(bytes: Uint8Array): readonly string[] {
  const nul = bytes.indexOf(0);
  const text = decodeUtf8(nul === -1 ? bytes : bytes.subarray(0, nul));
  return Object.freeze(text.split(/[ \t\n\r]+/).filter((t) => t.length > 0));
}

/**
 * `Env` over the command line bytes, parsed on the first `argv()` call and kept.
 *
 * @example
 * const env = cmdLineEnv(() => host.cmdline);
 * env.argv(); // frozen string[]
 */
export function cmdLineEnv(cmdLine: () => Uint8Array): Env {
  let argv: readonly string[] | null = null;
  return { argv: () => (argv ??= parseCmdLine(cmdLine())) };
}

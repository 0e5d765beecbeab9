/**
 * `Console` on WASI 0.2: one line to `wasi:cli/stderr`, UTF-8, through `blocking-write-and-flush`
 * in pieces of at most 4096 bytes, the most that call accepts.
 */

import type { Console } from '@shimkit/os-shim/contract';
import { assertString } from '@shimkit/os-shim/validate';
import { getStderr } from 'wasi:cli/stderr@0.2.12';
import type { OutputStream } from 'wasi:io/streams@0.2.12';

/** The most `blocking-write-and-flush` accepts in one call. */
const WRITE_MAX = 4096;

let stderr: OutputStream | null = null;
const encoder = new TextEncoder();

export const console: Console = {
  log(line) {
    const bytes = encoder.encode(`${assertString(line, 'line')}\n`);
    stderr ??= getStderr();
    for (let off = 0; off < bytes.length; off += WRITE_MAX) {
      stderr.blockingWriteAndFlush(bytes.subarray(off, off + WRITE_MAX));
    }
  },
};

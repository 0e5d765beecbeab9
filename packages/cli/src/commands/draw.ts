/**
 * `shimkit rand N [--hex|--base64|--raw]`, `shimkit uuid [-n K]`, `shimkit int MIN MAX [-n K]`:
 * output of the default instance of `@shimkit/entropy` (seeded from the linked backend's
 * sources, as a program's first call seeds it).
 *
 * `rand` streams: bytes are drawn and written in chunks of `CHUNK` bytes, waiting for stdout to
 * drain, so `shimkit rand 10G --raw | dieharder -g 200 -a` runs in constant memory. A reader that
 * closes the pipe early (`| head -c 16`) ends the command quietly with exit code 0.
 */

import { fill, NoEntropyError, randomInt, randomUUID, stop } from '@shimkit/entropy';
import type { Writable } from 'node:stream';
import { CliError } from '../exit-codes.js';

/** Bytes drawn per write: a multiple of 3 (base64 needs no carry) and of 64 (whole cipher blocks). */
export const CHUNK = 3 * 2 ** 14; // 48 KiB

/** How `rand` writes its bytes. */
export type Encoding = 'hex' | 'base64' | 'raw';

/** Writes `n` random bytes to `out` in `encoding`; hex and base64 end with a newline. */
export async function writeRandom(out: Writable, n: number, encoding: Encoding): Promise<void> {
  const buf = Buffer.alloc(Math.min(n, CHUNK));
  await withEntropy(async () => {
    for (let left = n; left > 0; ) {
      const view = buf.subarray(0, Math.min(left, CHUNK));
      fill(view);
      left -= view.length;
      const text = encoding === 'raw' ? Buffer.from(view) : view.toString(encoding);
      if (!(await write(out, text))) return;
    }
    if (encoding !== 'raw') await write(out, '\n');
  });
}

/** Writes `count` RFC 9562 version-4 UUIDs, one per line. */
export async function writeUuids(out: Writable, count: number): Promise<void> {
  await withEntropy(() => writeLines(out, count, () => randomUUID()));
}

/** Writes `count` integers uniform in [min, max), one per line. */
export async function writeInts(out: Writable, count: number, min: number, max: number): Promise<void> {
  await withEntropy(() => writeLines(out, count, () => String(randomInt(min, max))));
}

async function writeLines(out: Writable, count: number, next: () => string): Promise<void> {
  const BATCH = 4096;
  for (let done = 0; done < count; ) {
    const k = Math.min(BATCH, count - done);
    let text = '';
    for (let i = 0; i < k; i++) text += `${next()}\n`;
    done += k;
    if (!(await write(out, text))) return;
  }
}

/** Runs `body` against the default instance, mapping its seeding failure and stopping it after. */
async function withEntropy(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    if (e instanceof NoEntropyError) throw new CliError('noEntropy', e.message, { cause: e });
    throw e;
  } finally {
    stop();
  }
}

/**
 * Writes `chunk`, waiting for `drain` when the stream's buffer is full. Resolves false when the
 * reader went away (EPIPE): the caller stops writing, and the command still succeeds.
 */
function write(out: Writable, chunk: string | Buffer): Promise<boolean> {
  return new Promise((resolve, reject) => {
    if (out.destroyed) return resolve(false);
    const onError = (e: NodeJS.ErrnoException): void => {
      cleanup();
      if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') resolve(false);
      else reject(e);
    };
    const onDrain = (): void => {
      cleanup();
      resolve(true);
    };
    const cleanup = (): void => {
      out.off('error', onError);
      out.off('drain', onDrain);
    };
    out.once('error', onError);
    if (out.write(chunk)) {
      // Written to the buffer: an EPIPE for it, if any, arrives as an 'error' event later and
      // ends the next write; the listener is not needed for this one.
      cleanup();
      resolve(true);
    } else {
      out.once('drain', onDrain);
    }
  });
}

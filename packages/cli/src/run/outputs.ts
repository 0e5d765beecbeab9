/**
 * Output files of `shimkit run`, written only when the call succeeded and atomically: every
 * output is first written in full to a temporary file in its destination's directory
 * (`.<name>.<pid>.<n>.tmp`, created exclusively), then all are renamed into place (rename within
 * a directory is atomic on POSIX file systems). If any write fails, every temporary file is
 * removed and no destination is touched; a reader never sees a half-written output. (wasmtime's
 * cache writes `*.wip` files and renames them the same way.)
 */

import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../exit-codes.js';

/**
 * Checks, before anything runs, that each output can be placed: its directory exists and the
 * path is not a directory.
 * @throws CliError `missingFile` (no such directory), `usage` (the path is a directory).
 */
export function checkOutputPaths(paths: readonly string[]): void {
  for (const path of paths) {
    const dir = dirname(resolve(path));
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch {
      // reported below
    }
    if (!isDir) throw new CliError('missingFile', `missing file: ${dir} (directory of output ${path}: no such directory)`);
    try {
      if (statSync(path).isDirectory()) throw new CliError('usage', `output ${path} is a directory`);
    } catch (e) {
      if (e instanceof CliError) throw e;
    }
  }
}

let counter = 0;

/**
 * Writes `files` (destination path → bytes) all or nothing.
 * @throws CliError `missingFile` when a file cannot be written (nothing is left behind).
 */
export function commitOutputs(files: ReadonlyMap<string, Uint8Array>): void {
  const staged: { tmp: string; dest: string }[] = [];
  try {
    for (const [dest, bytes] of files) {
      const abs = resolve(dest);
      const tmp = join(dirname(abs), `.${basename(abs)}.${process.pid}.${counter++}.tmp`);
      const fd = openSync(tmp, 'wx', 0o644);
      staged.push({ tmp, dest: abs });
      try {
        let off = 0;
        while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    for (const { tmp, dest } of staged) renameSync(tmp, dest);
  } catch (e) {
    for (const { tmp } of staged) {
      try {
        unlinkSync(tmp);
      } catch {
        // already renamed or gone
      }
    }
    const err = e as NodeJS.ErrnoException;
    throw new CliError('missingFile', `cannot write output ${err.path ?? ''}: ${err.code ?? err.message}`, { cause: e });
  }
}

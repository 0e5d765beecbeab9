/**
 * Path resolution, confined to a directory descriptor — the capability rule of WASI (and of
 * wasmtime's cap-std): a path is resolved relative to its directory fd and may never leave it.
 *
 * - The path is UTF-8 (`EILSEQ` otherwise), has no NUL byte (`EINVAL`), is not empty (`ENOENT`)
 *   and is not absolute (`ENOTCAPABLE`).
 * - `.` and empty components are skipped; `..` pops one component, and popping above the
 *   directory fd is `ENOTCAPABLE`.
 * - Symlinks in the middle of the path, and at its end when following, are expanded here (never
 *   by the host OS): an absolute target is `ENOTCAPABLE`, more than 40 expansions `ELOOP`.
 * - A non-directory in the middle is `ENOTDIR`; a trailing `/` requires a directory.
 */

import { Filetype } from './constants.js';
import { Errno, fail } from './errno.js';
import type { FileSystem } from './fs.js';
import { utf8Decode } from '../text.js';

const MAX_SYMLINKS = 40;

/** Decodes a guest path: `EILSEQ` for invalid UTF-8, `EINVAL` for a NUL byte. */
export function decodePath(bytes: Uint8Array): string {
  if (bytes.includes(0)) fail(Errno.INVAL);
  const s = utf8Decode(bytes);
  if (s === undefined) fail(Errno.ILSEQ);
  return s;
}

/** The resolved location: components from the file-system root, and whether a trailing `/` asked for a directory. */
export interface Resolved {
  readonly parts: string[];
  readonly mustBeDir: boolean;
}

/**
 * Resolves `path` relative to the directory at `base` (components from the fs root).
 * @param follow whether to follow a symlink in the final component.
 */
export function resolvePath(fs: FileSystem, base: readonly string[], path: string, follow: boolean): Resolved {
  if (path === '') fail(Errno.NOENT);
  if (path.startsWith('/')) fail(Errno.NOTCAPABLE);
  const mustBeDir = path.endsWith('/');
  const pending = path.split('/').filter((c) => c !== '' && c !== '.');
  const stack: string[] = [];
  let expansions = 0;
  while (pending.length > 0) {
    const c = pending.shift()!;
    if (c === '..') {
      if (stack.length === 0) fail(Errno.NOTCAPABLE);
      stack.pop();
      continue;
    }
    const last = pending.length === 0;
    const here = [...base, ...stack, c];
    if (last && !follow && !mustBeDir) {
      stack.push(c);
      break;
    }
    let st;
    try {
      st = fs.lstat(here);
    } catch (e) {
      if (last) {
        stack.push(c);
        break;
      }
      throw e;
    }
    if (st.filetype === Filetype.SYMBOLIC_LINK) {
      if (++expansions > MAX_SYMLINKS) fail(Errno.LOOP);
      const target = fs.readlink(here);
      if (target.startsWith('/')) fail(Errno.NOTCAPABLE);
      if (target === '') fail(Errno.NOENT);
      const more = target.split('/').filter((x) => x !== '' && x !== '.');
      pending.unshift(...more);
      continue;
    }
    if (!last && st.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
    stack.push(c);
  }
  return { parts: [...base, ...stack], mustBeDir };
}

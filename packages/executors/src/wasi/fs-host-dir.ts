/**
 * Node only (`@shimkit/executors/host-dir`): a host directory as a WASI guest's file system,
 * confined to that directory.
 *
 * Confinement: the WASI host resolves every path itself (`path-resolve.ts`: no absolute paths,
 * no `..` above the directory descriptor, symlinks expanded by us and refused when absolute or
 * escaping), so the paths reaching this class are component lists with no symlink before their
 * last component; this class re-checks each component (no `/`, NUL, `.` or `..`) and opens with
 * `O_NOFOLLOW`, so a final symlink is never followed by the host OS either. Not covered: another
 * process swapping a directory for a symlink between our check and the use (a TOCTOU race; Node
 * has no `openat`) — give the guest a directory no one else writes to.
 *
 * Host errors map to WASI errnos (ENOENT → `noent`, EACCES → `acces`, …; anything else `io`).
 * Times are set with microsecond precision (Node's `utimes`).
 */

import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  renameSync,
  rmdirSync,
  type BigIntStats,
  statSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { ExecutorError } from '../errors.js';
import { Filetype } from './constants.js';
import { Errno, ErrnoError, fail } from './errno.js';
import type { FileSystem, FsDirent, FsHandle, FsOpenOptions, FsStat } from './fs.js';

const CODES: Record<string, number> = {
  ENOENT: Errno.NOENT,
  EEXIST: Errno.EXIST,
  ENOTDIR: Errno.NOTDIR,
  EISDIR: Errno.ISDIR,
  ENOTEMPTY: Errno.NOTEMPTY,
  EACCES: Errno.ACCES,
  EPERM: Errno.PERM,
  ELOOP: Errno.LOOP,
  EINVAL: Errno.INVAL,
  EXDEV: Errno.XDEV,
  ENAMETOOLONG: Errno.NAMETOOLONG,
  EBADF: Errno.BADF,
  ENOSPC: Errno.NOSPC,
  EROFS: Errno.ROFS,
  EFBIG: Errno.FBIG,
  EMLINK: Errno.MLINK,
  EBUSY: Errno.BUSY,
};

function host<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ErrnoError) throw e;
    const code = (e as { code?: string }).code;
    throw new ErrnoError(code !== undefined && code in CODES ? CODES[code]! : Errno.IO, (e as Error).message);
  }
}

function filetype(s: BigIntStats): number {
  if (s.isFile()) return Filetype.REGULAR_FILE;
  if (s.isDirectory()) return Filetype.DIRECTORY;
  if (s.isSymbolicLink()) return Filetype.SYMBOLIC_LINK;
  if (s.isCharacterDevice()) return Filetype.CHARACTER_DEVICE;
  if (s.isBlockDevice()) return Filetype.BLOCK_DEVICE;
  if (s.isSocket()) return Filetype.SOCKET_STREAM;
  return Filetype.UNKNOWN;
}

function toStat(s: BigIntStats): FsStat {
  return { dev: s.dev, ino: s.ino, filetype: filetype(s), nlink: s.nlink, size: s.size, atimNs: s.atimeNs, mtimNs: s.mtimeNs, ctimNs: s.ctimeNs };
}

const seconds = (ns: bigint): number => Number(ns / 1000n) / 1e6;

export class HostDirFileSystem implements FileSystem {
  readonly root: string;

  /**
   * @param dir an existing host directory; the guest sees it and nothing outside it.
   * @throws ExecutorError `ERR_INVALID_OPTIONS` when `dir` is not a directory.
   * @example new WasiHost({ preopens: { '/sandbox': new HostDirFileSystem('/tmp/job-42') } })
   */
  constructor(dir: string) {
    let root: string;
    try {
      root = realpathSync(dir);
      if (!statSync(root).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      throw new ExecutorError('ERR_INVALID_OPTIONS', `host directory "${dir}" is not an existing directory: ${(e as Error).message}`);
    }
    this.root = root;
  }

  #path(parts: readonly string[]): string {
    for (const c of parts) {
      if (c === '' || c === '.' || c === '..' || c.includes('/') || c.includes('\0')) fail(Errno.NOTCAPABLE);
    }
    return join(this.root, ...parts);
  }

  lstat(parts: readonly string[]): FsStat {
    return host(() => toStat(lstatSync(this.#path(parts), { bigint: true })));
  }

  readlink(parts: readonly string[]): string {
    return host(() => readlinkSync(this.#path(parts), 'utf8'));
  }

  readdir(parts: readonly string[]): FsDirent[] {
    const dir = this.#path(parts);
    return host(() =>
      readdirSync(dir)
        .sort()
        .map((name) => {
          const s = lstatSync(join(dir, name), { bigint: true });
          return { name, ino: s.ino, filetype: filetype(s) };
        }),
    );
  }

  open(parts: readonly string[], o: FsOpenOptions): FsHandle {
    const p = this.#path(parts);
    const C = constants;
    let flags = C.O_NOFOLLOW | (o.write ? (o.read ? C.O_RDWR : C.O_WRONLY) : C.O_RDONLY);
    if (o.create) flags |= C.O_CREAT;
    if (o.exclusive) flags |= C.O_EXCL;
    if (o.truncate) flags |= C.O_TRUNC;
    if (o.directory) flags |= C.O_DIRECTORY;
    const fd = host(() => openSync(p, flags, 0o644));
    const isDir = () => fstatSync(fd).isDirectory();
    return {
      read: (dest, position) => host(() => (isDir() ? fail(Errno.ISDIR) : readSync(fd, dest, 0, dest.length, position))),
      write: (src, position) => host(() => writeSync(fd, src, 0, src.length, Number(position))),
      stat: () => host(() => toStat(fstatSync(fd, { bigint: true }))),
      setSize: (size) => host(() => ftruncateSync(fd, Number(size))),
      setTimes: (a, m) =>
        host(() => {
          const s = fstatSync(fd, { bigint: true });
          futimesSync(fd, seconds(a ?? s.atimeNs), seconds(m ?? s.mtimeNs));
        }),
      sync: () => host(() => fsyncSync(fd)),
      close: () => host(() => closeSync(fd)),
    };
  }

  mkdir(parts: readonly string[]): void {
    host(() => mkdirSync(this.#path(parts)));
  }

  rmdir(parts: readonly string[]): void {
    host(() => rmdirSync(this.#path(parts)));
  }

  unlink(parts: readonly string[]): void {
    const p = this.#path(parts);
    host(() => {
      if (lstatSync(p).isDirectory()) fail(Errno.ISDIR);
      unlinkSync(p);
    });
  }

  rename(from: readonly string[], to: readonly string[]): void {
    host(() => renameSync(this.#path(from), this.#path(to)));
  }

  symlink(target: string, parts: readonly string[]): void {
    if (target.startsWith('/') || target.includes('\0')) fail(Errno.NOTCAPABLE);
    host(() => symlinkSync(target, this.#path(parts)));
  }

  link(from: readonly string[], to: readonly string[]): void {
    host(() => linkSync(this.#path(from), this.#path(to)));
  }

  setTimes(parts: readonly string[], a: bigint | undefined, m: bigint | undefined): void {
    const p = this.#path(parts);
    host(() => {
      const s = lstatSync(p, { bigint: true });
      lutimesSync(p, seconds(a ?? s.atimeNs), seconds(m ?? s.mtimeNs));
    });
  }
}

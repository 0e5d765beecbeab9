/**
 * The `path_*` functions of wasi_snapshot_preview1.witx, each resolved against its directory
 * descriptor by `path-resolve.ts` (confinement, symlinks, `..`), with the rights the witx names
 * for it and the errnos wasmtime's wasi-common gives: `EEXIST`, `ENOENT`, `ENOTDIR`, `EISDIR`,
 * `ENOTEMPTY`, `ENOTCAPABLE` (a missing right, an escape, an absolute symlink target), `EINVAL`
 * (bad flags, NUL in a path), `EILSEQ` (a path that is not UTF-8).
 */

import { DIR_RIGHTS, FILE_RIGHTS, Fdflags, Filetype, Lookupflags, Oflags, Rights } from './constants.js';
import { type HostFn, syscall, type WasiContext } from './context.js';
import type { FsDescriptor } from './descriptors.js';
import { Errno, fail } from './errno.js';
import { timesFromFlags, writeFilestat } from './fd.js';
import { decodePath, resolvePath } from './path-resolve.js';
import { utf8Encode } from '../text.js';

const R = Rights;

function path(ctx: WasiContext, ptr: number, len: number): string {
  return decodePath(ctx.mem.bytes(ptr, len));
}

function checkDir(d: FsDescriptor, parts: readonly string[]): void {
  if (d.fs.lstat(parts).filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
}

export function pathImports(ctx: WasiContext): Record<string, HostFn> {
  const { fds, mem } = ctx;
  const at = (fd: number, rights: bigint, p: number, l: number, follow: boolean) => {
    const d = fds.dir(fd, rights);
    const r = resolvePath(d.fs, d.parts, path(ctx, p, l), follow);
    return { d, ...r };
  };
  return {
    path_create_directory: syscall((fd: number, p: number, l: number) => {
      const { d, parts } = at(fd, R.PATH_CREATE_DIRECTORY, p, l, false);
      d.fs.mkdir(parts);
    }),
    path_filestat_get: syscall((fd: number, flags: number, p: number, l: number, out: number) => {
      const { d, parts, mustBeDir } = at(fd, R.PATH_FILESTAT_GET, p, l, (flags & Lookupflags.SYMLINK_FOLLOW) !== 0);
      const st = d.fs.lstat(parts);
      if (mustBeDir && st.filetype !== Filetype.DIRECTORY) fail(Errno.NOTDIR);
      writeFilestat(ctx, out, st);
    }),
    path_filestat_set_times: syscall((fd: number, flags: number, p: number, l: number, atim: bigint, mtim: bigint, fst: number) => {
      const { d, parts } = at(fd, R.PATH_FILESTAT_SET_TIMES, p, l, (flags & Lookupflags.SYMLINK_FOLLOW) !== 0);
      const [a, m] = timesFromFlags(ctx, atim, mtim, fst);
      d.fs.setTimes(parts, a, m);
    }),
    path_link: syscall((oldFd: number, oldFlags: number, op: number, ol: number, newFd: number, np: number, nl: number) => {
      const from = at(oldFd, R.PATH_LINK_SOURCE, op, ol, (oldFlags & Lookupflags.SYMLINK_FOLLOW) !== 0);
      const to = at(newFd, R.PATH_LINK_TARGET, np, nl, false);
      if (from.d.fs !== to.d.fs) fail(Errno.XDEV);
      if (to.mustBeDir) fail(Errno.NOENT);
      from.d.fs.link(from.parts, to.parts);
    }),
    path_open: syscall(
      (fd: number, dirflags: number, p: number, l: number, oflags: number, base: bigint, inheriting: bigint, fdflags: number, out: number) => {
        const dir = fds.dir(fd, R.PATH_OPEN);
        if (oflags & ~0xf || fdflags & ~0x1f) fail(Errno.INVAL);
        const create = (oflags & Oflags.CREAT) !== 0;
        const exclusive = (oflags & Oflags.EXCL) !== 0;
        const truncate = (oflags & Oflags.TRUNC) !== 0;
        const directory = (oflags & Oflags.DIRECTORY) !== 0;
        if (create && !(dir.rightsBase & R.PATH_CREATE_FILE)) fail(Errno.NOTCAPABLE);
        if (truncate && !(dir.rightsBase & R.PATH_FILESTAT_SET_SIZE)) fail(Errno.NOTCAPABLE);
        if ((base & ~dir.rightsInheriting) !== 0n || (inheriting & ~dir.rightsInheriting) !== 0n) fail(Errno.NOTCAPABLE);
        const follow = (dirflags & Lookupflags.SYMLINK_FOLLOW) !== 0 && !(create && exclusive);
        const { parts, mustBeDir } = resolvePath(dir.fs, dir.parts, path(ctx, p, l), follow);
        if (!follow && parts.length > dir.parts.length) {
          try {
            if (dir.fs.lstat(parts).filetype === Filetype.SYMBOLIC_LINK && !(create && exclusive)) fail(Errno.LOOP);
          } catch (e) {
            if ((e as { errno?: number }).errno !== Errno.NOENT) throw e;
          }
        }
        const write = (base & (R.FD_WRITE | R.FD_ALLOCATE | R.FD_FILESTAT_SET_SIZE)) !== 0n || truncate;
        const read = (base & (R.FD_READ | R.FD_READDIR)) !== 0n;
        const handle = dir.fs.open(parts, { create, exclusive, truncate, directory: directory || mustBeDir, read, write: write && !directory });
        const st = handle.stat();
        const isDir = st.filetype === Filetype.DIRECTORY;
        const mask = isDir ? DIR_RIGHTS : FILE_RIGHTS;
        const d: FsDescriptor = {
          kind: isDir ? 'dir' : 'file',
          fs: dir.fs,
          parts,
          handle,
          preopen: undefined,
          filetype: st.filetype,
          rightsBase: base & mask,
          rightsInheriting: inheriting & (DIR_RIGHTS | FILE_RIGHTS),
          fdflags: fdflags & (Fdflags.APPEND | Fdflags.NONBLOCK),
          offset: 0n,
        };
        mem.u32(out, fds.add(d));
      },
    ),
    path_readlink: syscall((fd: number, p: number, l: number, buf: number, len: number, out: number) => {
      const { d, parts } = at(fd, R.PATH_READLINK, p, l, false);
      const target = utf8Encode(d.fs.readlink(parts));
      const n = Math.min(target.length, len >>> 0);
      mem.bytes(buf, n).set(target.subarray(0, n));
      mem.u32(out, n);
    }),
    path_remove_directory: syscall((fd: number, p: number, l: number) => {
      const { d, parts } = at(fd, R.PATH_REMOVE_DIRECTORY, p, l, false);
      if (parts.length === d.parts.length) fail(Errno.INVAL);
      d.fs.rmdir(parts);
    }),
    path_rename: syscall((fd: number, op: number, ol: number, newFd: number, np: number, nl: number) => {
      const from = at(fd, R.PATH_RENAME_SOURCE, op, ol, false);
      const to = at(newFd, R.PATH_RENAME_TARGET, np, nl, false);
      if (from.d.fs !== to.d.fs) fail(Errno.XDEV);
      if (from.mustBeDir || to.mustBeDir) checkDir(from.d, from.parts);
      from.d.fs.rename(from.parts, to.parts);
    }),
    path_symlink: syscall((op: number, ol: number, fd: number, np: number, nl: number) => {
      const target = path(ctx, op, ol);
      if (target.startsWith('/')) fail(Errno.NOTCAPABLE);
      const { d, parts, mustBeDir } = at(fd, R.PATH_SYMLINK, np, nl, false);
      if (mustBeDir) fail(Errno.NOENT);
      d.fs.symlink(target, parts);
    }),
    path_unlink_file: syscall((fd: number, p: number, l: number) => {
      const { d, parts, mustBeDir } = at(fd, R.PATH_UNLINK_FILE, p, l, false);
      if (mustBeDir) {
        if (d.fs.lstat(parts).filetype === Filetype.DIRECTORY) fail(Errno.ISDIR);
        fail(Errno.NOTDIR);
      }
      d.fs.unlink(parts);
    }),
  };
}

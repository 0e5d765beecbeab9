/**
 * The `fd_*` functions of wasi_snapshot_preview1.witx: read / write / pread / pwrite / seek /
 * tell on files and the standard streams, `fd_readdir` (with `.` and `..`), stat and
 * set-stat, rights, `fd_renumber`, `fd_close`, preopens. Errnos follow the witx and wasmtime's
 * wasi-common: a missing right is `ENOTCAPABLE`, seeking a stream `ESPIPE`, a directory where a
 * file is needed `EISDIR` / `EBADF`, a bad whence or advice `EINVAL`.
 */

import { utf8Encode } from '../text.js';
import { Fdflags, Filetype, Fstflags, Rights, Size, Whence } from './constants.js';
import { type HostFn, syscall, type WasiContext } from './context.js';
import type { Descriptor, FsDescriptor } from './descriptors.js';
import { Errno, fail } from './errno.js';
import type { FsStat } from './fs.js';

const R = Rights;

/** Writes a `filestat` (64 bytes) at `ptr`. */
export function writeFilestat(ctx: WasiContext, ptr: number, st: FsStat): void {
  ctx.mem.bytes(ptr, Size.FILESTAT).fill(0);
  ctx.mem.u64(ptr, st.dev);
  ctx.mem.u64(ptr + 8, st.ino);
  ctx.mem.u8(ptr + 16, st.filetype);
  ctx.mem.u64(ptr + 24, st.nlink);
  ctx.mem.u64(ptr + 32, st.size);
  ctx.mem.u64(ptr + 40, st.atimNs);
  ctx.mem.u64(ptr + 48, st.mtimNs);
  ctx.mem.u64(ptr + 56, st.ctimNs);
}

/** The (atim, mtim) to set from `fstflags`: `EINVAL` when both a time and "now" are asked for one field. */
export function timesFromFlags(ctx: WasiContext, atim: bigint, mtim: bigint, flags: number): [bigint | undefined, bigint | undefined] {
  if (flags & ~0xf) fail(Errno.INVAL);
  if ((flags & Fstflags.ATIM && flags & Fstflags.ATIM_NOW) || (flags & Fstflags.MTIM && flags & Fstflags.MTIM_NOW)) fail(Errno.INVAL);
  const now = flags & (Fstflags.ATIM_NOW | Fstflags.MTIM_NOW) ? ctx.clock.wallNs() : 0n;
  const a = flags & Fstflags.ATIM ? atim : flags & Fstflags.ATIM_NOW ? now : undefined;
  const m = flags & Fstflags.MTIM ? mtim : flags & Fstflags.MTIM_NOW ? now : undefined;
  return [a, m];
}

function stdioStat(): FsStat {
  return { dev: 0n, ino: 0n, filetype: Filetype.CHARACTER_DEVICE, nlink: 1n, size: 0n, atimNs: 0n, mtimNs: 0n, ctimNs: 0n };
}

function readStdin(ctx: WasiContext, bufs: Uint8Array[]): number {
  let n = 0;
  for (const b of bufs) {
    const k = Math.min(b.length, ctx.stdin.length - ctx.stdinPos);
    b.set(ctx.stdin.subarray(ctx.stdinPos, ctx.stdinPos + k));
    ctx.stdinPos += k;
    n += k;
    if (k < b.length) break;
  }
  return n;
}

function readAt(d: FsDescriptor, bufs: Uint8Array[], pos: bigint): number {
  if (d.kind === 'dir') fail(Errno.ISDIR);
  let n = 0;
  for (const b of bufs) {
    const k = d.handle.read(b, pos + BigInt(n));
    n += k;
    if (k < b.length) break;
  }
  return n;
}

function writeAt(d: FsDescriptor, bufs: Uint8Array[], pos: bigint): number {
  if (d.kind === 'dir') fail(Errno.ISDIR);
  let n = 0;
  for (const b of bufs) n += d.handle.write(b, pos + BigInt(n));
  return n;
}

function writeStream(ctx: WasiContext, d: Descriptor, bufs: Uint8Array[]): number {
  if (d.kind !== 'stdio') return 0;
  if (d.stream === 0) fail(Errno.BADF);
  const sink = d.stream === 1 ? ctx.stdout : ctx.stderr;
  let n = 0;
  for (const b of bufs) {
    sink.write(b);
    n += b.length;
  }
  return n;
}

export function fdImports(ctx: WasiContext): Record<string, HostFn> {
  const { fds, mem } = ctx;
  /** A file or stream descriptor with `rights`: a directory is `EBADF` (wasi-common: not a file). */
  const io = (fd: number, rights: bigint): Descriptor => {
    if (fds.get(fd).kind === 'dir') fail(Errno.BADF);
    return fds.get(fd, rights);
  };
  return {
    fd_advise: syscall((fd: number, _offset: bigint, _len: bigint, advice: number) => {
      const d = fds.get(fd, R.FD_ADVISE);
      if (advice > 5) fail(Errno.INVAL);
      if (d.kind === 'dir') fail(Errno.BADF);
    }),
    fd_allocate: syscall((fd: number, offset: bigint, len: bigint) => {
      const d = fds.fsGet(fd, R.FD_ALLOCATE);
      if (d.kind === 'dir') fail(Errno.BADF);
      const end = offset + len;
      if (end > d.handle.stat().size) d.handle.setSize(end);
    }),
    fd_close: syscall((fd: number) => {
      const d = fds.delete(fd);
      if (d.kind !== 'stdio') d.handle.close();
    }),
    fd_datasync: syscall((fd: number) => {
      const d = fds.get(fd, R.FD_DATASYNC);
      if (d.kind !== 'stdio') d.handle.sync();
    }),
    fd_sync: syscall((fd: number) => {
      const d = fds.get(fd, R.FD_SYNC);
      if (d.kind !== 'stdio') d.handle.sync();
    }),
    fd_fdstat_get: syscall((fd: number, ptr: number) => {
      const d = fds.get(fd);
      mem.bytes(ptr, Size.FDSTAT).fill(0);
      mem.u8(ptr, d.filetype);
      mem.u16(ptr + 2, d.fdflags);
      mem.u64(ptr + 8, d.rightsBase);
      mem.u64(ptr + 16, d.rightsInheriting);
    }),
    fd_fdstat_set_flags: syscall((fd: number, flags: number) => {
      const d = fds.get(fd, R.FD_FDSTAT_SET_FLAGS);
      if (flags & ~0x1f) fail(Errno.INVAL);
      if (flags & (Fdflags.DSYNC | Fdflags.RSYNC | Fdflags.SYNC)) fail(Errno.NOTSUP);
      d.fdflags = flags;
    }),
    fd_fdstat_set_rights: syscall((fd: number, base: bigint, inheriting: bigint) => {
      const d = fds.get(fd);
      if ((base & ~d.rightsBase) !== 0n || (inheriting & ~d.rightsInheriting) !== 0n) fail(Errno.NOTCAPABLE);
      d.rightsBase = base;
      d.rightsInheriting = inheriting;
    }),
    fd_filestat_get: syscall((fd: number, ptr: number) => {
      const d = fds.get(fd, R.FD_FILESTAT_GET);
      writeFilestat(ctx, ptr, d.kind === 'stdio' ? stdioStat() : d.handle.stat());
    }),
    fd_filestat_set_size: syscall((fd: number, size: bigint) => {
      const d = fds.fsGet(fd, R.FD_FILESTAT_SET_SIZE, Errno.INVAL);
      if (d.kind === 'dir') fail(Errno.ISDIR);
      d.handle.setSize(size);
    }),
    fd_filestat_set_times: syscall((fd: number, atim: bigint, mtim: bigint, flags: number) => {
      const d = fds.fsGet(fd, R.FD_FILESTAT_SET_TIMES, Errno.INVAL);
      const [a, m] = timesFromFlags(ctx, atim, mtim, flags);
      d.handle.setTimes(a, m);
    }),
    fd_pread: syscall((fd: number, iovs: number, n: number, offset: bigint, out: number) => {
      io(fd, 0n);
      const d = fds.fsGet(fd, R.FD_READ | R.FD_SEEK, Errno.SPIPE);
      mem.u32(out, readAt(d, mem.iovecs(iovs, n), offset));
    }),
    fd_pwrite: syscall((fd: number, iovs: number, n: number, offset: bigint, out: number) => {
      io(fd, 0n);
      const d = fds.fsGet(fd, R.FD_WRITE | R.FD_SEEK, Errno.SPIPE);
      mem.u32(out, writeAt(d, mem.iovecs(iovs, n), offset));
    }),
    fd_read: syscall((fd: number, iovs: number, n: number, out: number) => {
      const d = io(fd, R.FD_READ);
      const bufs = mem.iovecs(iovs, n);
      if (d.kind === 'stdio') {
        if (d.stream !== 0) fail(Errno.BADF);
        mem.u32(out, readStdin(ctx, bufs));
        return;
      }
      const k = readAt(d, bufs, d.offset);
      d.offset += BigInt(k);
      mem.u32(out, k);
    }),
    fd_write: syscall((fd: number, iovs: number, n: number, out: number) => {
      const d = io(fd, R.FD_WRITE);
      const bufs = mem.iovecs(iovs, n);
      if (d.kind === 'stdio') {
        mem.u32(out, writeStream(ctx, d, bufs));
        return;
      }
      if (d.fdflags & Fdflags.APPEND) d.offset = d.handle.stat().size;
      const k = writeAt(d, bufs, d.offset);
      d.offset += BigInt(k);
      mem.u32(out, k);
    }),
    fd_seek: syscall((fd: number, offset: bigint, whence: number, out: number) => {
      if (fds.get(fd).kind === 'stdio') fail(Errno.SPIPE);
      const d = io(fd, offset === 0n && whence === Whence.CUR ? R.FD_TELL : R.FD_SEEK) as FsDescriptor;
      if (d.kind === 'dir') fail(Errno.BADF);
      const base = whence === Whence.SET ? 0n : whence === Whence.CUR ? d.offset : whence === Whence.END ? d.handle.stat().size : fail(Errno.INVAL);
      const next = base + offset;
      if (next < 0n) fail(Errno.INVAL);
      d.offset = next;
      mem.u64(out, next);
    }),
    fd_tell: syscall((fd: number, out: number) => {
      if (fds.get(fd).kind === 'stdio') fail(Errno.SPIPE);
      const d = io(fd, R.FD_TELL) as FsDescriptor;
      mem.u64(out, d.offset);
    }),
    fd_prestat_get: syscall((fd: number, ptr: number) => {
      const d = fds.get(fd);
      if (d.kind === 'stdio' || d.preopen === undefined) fail(Errno.BADF);
      mem.u32(ptr, 0);
      mem.u32(ptr + 4, utf8Encode(d.preopen).length);
    }),
    fd_prestat_dir_name: syscall((fd: number, path: number, len: number) => {
      const d = fds.get(fd);
      if (d.kind === 'stdio' || d.preopen === undefined) fail(Errno.BADF);
      const name = utf8Encode(d.preopen);
      if (len < name.length) fail(Errno.NAMETOOLONG);
      mem.bytes(path, name.length).set(name);
    }),
    fd_readdir: syscall((fd: number, buf: number, len: number, cookie: bigint, out: number) => {
      if (fds.get(fd).kind !== 'dir') fail(Errno.NOTDIR);
      const d = fds.dir(fd, R.FD_READDIR);
      const self = d.handle.stat();
      const parentIno = d.parts.length > 0 ? d.fs.lstat(d.parts.slice(0, -1)).ino : self.ino;
      const entries = [
        { name: '.', ino: self.ino, filetype: Filetype.DIRECTORY },
        { name: '..', ino: parentIno, filetype: Filetype.DIRECTORY },
        ...d.fs.readdir(d.parts),
      ];
      const dest = mem.bytes(buf, len);
      let used = 0;
      for (let i = Number(cookie); i < entries.length && used < dest.length; i++) {
        const e = entries[i]!;
        const name = utf8Encode(e.name);
        const rec = new Uint8Array(Size.DIRENT + name.length);
        const rv = new DataView(rec.buffer);
        rv.setBigUint64(0, BigInt(i + 1), true);
        rv.setBigUint64(8, e.ino, true);
        rv.setUint32(16, name.length, true);
        rv.setUint8(20, e.filetype);
        rec.set(name, Size.DIRENT);
        const k = Math.min(rec.length, dest.length - used);
        dest.set(rec.subarray(0, k), used);
        used += k;
      }
      mem.u32(out, used);
    }),
    fd_renumber: syscall((from: number, to: number) => {
      const d = fds.get(from);
      const old = fds.get(to);
      if (from === to) return;
      if (old.kind !== 'stdio') old.handle.close();
      fds.delete(from);
      fds.set(to, d);
    }),
  };
}

/**
 * The descriptor table of one WASI instance: numbers 0–2 are stdin / stdout / stderr (character
 * devices over the call's bytes), then the preopened directories, then what `path_open` returns.
 * Each descriptor carries its rights (base and inheriting) as WASI preview 1 defines them; an
 * operation without its right is `ENOTCAPABLE`, an unknown number `EBADF`.
 */

import { Errno, fail } from './errno.js';
import type { FileSystem, FsHandle } from './fs.js';

export interface StdioDescriptor {
  readonly kind: 'stdio';
  readonly stream: 0 | 1 | 2;
  filetype: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags: number;
}

export interface FsDescriptor {
  readonly kind: 'file' | 'dir';
  readonly fs: FileSystem;
  /** Components from the file system's root. */
  readonly parts: readonly string[];
  readonly handle: FsHandle;
  /** For a preopened directory: the name the guest sees. */
  readonly preopen: string | undefined;
  filetype: number;
  rightsBase: bigint;
  rightsInheriting: bigint;
  fdflags: number;
  offset: bigint;
}

export type Descriptor = StdioDescriptor | FsDescriptor;

export class FdTable {
  readonly #fds = new Map<number, Descriptor>();

  add(d: Descriptor): number {
    let fd = 0;
    while (this.#fds.has(fd)) fd++;
    this.#fds.set(fd, d);
    return fd;
  }

  set(fd: number, d: Descriptor): void {
    this.#fds.set(fd, d);
  }

  /** The descriptor `fd`, checking it holds every right in `rights`. */
  get(fd: number, rights = 0n): Descriptor {
    const d = this.#fds.get(fd);
    if (d === undefined) fail(Errno.BADF);
    if ((d.rightsBase & rights) !== rights) fail(Errno.NOTCAPABLE);
    return d;
  }

  /** A file or directory descriptor (stdio: `EBADF` for path operations, `ESPIPE` where seeking is meant). */
  fsGet(fd: number, rights = 0n, stdioErrno: number = Errno.BADF): FsDescriptor {
    const d = this.get(fd, rights);
    if (d.kind === 'stdio') fail(stdioErrno);
    return d;
  }

  /** A directory descriptor (`ENOTDIR` for a file). */
  dir(fd: number, rights = 0n): FsDescriptor {
    const d = this.fsGet(fd, rights);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    return d;
  }

  has(fd: number): boolean {
    return this.#fds.has(fd);
  }

  delete(fd: number): Descriptor {
    const d = this.#fds.get(fd);
    if (d === undefined) fail(Errno.BADF);
    this.#fds.delete(fd);
    return d;
  }

  /** Closes every file handle (end of the call). */
  closeAll(): void {
    for (const d of this.#fds.values()) if (d.kind !== 'stdio') d.handle.close();
    this.#fds.clear();
  }
}

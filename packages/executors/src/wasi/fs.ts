/**
 * The file-system interface behind our WASI host. Paths are arrays of components relative to the
 * file system's root, already resolved by the host (`path-resolve.ts`: no `.`, `..`, empty or
 * `/`-containing components, symlinks followed by the host so confinement is decided in one
 * place). Every method is synchronous (WASI imports are) and fails by throwing `ErrnoError`.
 *
 * Two implementations: `MemoryFileSystem` (every backend) and `HostDirFileSystem` (Node only,
 * `@shimkit/executors/host-dir`).
 */

/** What `lstat` reports (the WASI `filestat` fields). */
export interface FsStat {
  readonly dev: bigint;
  readonly ino: bigint;
  /** A WASI `filetype` value. */
  readonly filetype: number;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly atimNs: bigint;
  readonly mtimNs: bigint;
  readonly ctimNs: bigint;
}

/** A directory entry (without `.` and `..`). */
export interface FsDirent {
  readonly name: string;
  readonly ino: bigint;
  readonly filetype: number;
}

/** How to open. */
export interface FsOpenOptions {
  readonly create: boolean;
  readonly exclusive: boolean;
  readonly truncate: boolean;
  readonly directory: boolean;
  readonly read: boolean;
  readonly write: boolean;
}

/** An open regular file or directory. */
export interface FsHandle {
  /** Reads at `position`; returns bytes read (0 at end). */
  read(dest: Uint8Array, position: bigint): number;
  /** Writes at `position` (extending the file); returns bytes written. */
  write(src: Uint8Array, position: bigint): number;
  stat(): FsStat;
  setSize(size: bigint): void;
  /** `undefined` leaves a time unchanged. */
  setTimes(atimNs: bigint | undefined, mtimNs: bigint | undefined): void;
  sync(): void;
  close(): void;
}

export interface FileSystem {
  /** Stat without following a final symlink. */
  lstat(path: readonly string[]): FsStat;
  readlink(path: readonly string[]): string;
  readdir(path: readonly string[]): FsDirent[];
  open(path: readonly string[], options: FsOpenOptions): FsHandle;
  mkdir(path: readonly string[]): void;
  rmdir(path: readonly string[]): void;
  unlink(path: readonly string[]): void;
  rename(from: readonly string[], to: readonly string[]): void;
  symlink(target: string, path: readonly string[]): void;
  link(from: readonly string[], to: readonly string[]): void;
  /** Sets times of the entry itself (no symlink following). */
  setTimes(path: readonly string[], atimNs: bigint | undefined, mtimNs: bigint | undefined): void;
}

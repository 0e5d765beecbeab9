/**
 * An in-memory file system for the WASI host; runs on every backend. Inodes with hard-link
 * counts, directories, symlinks, POSIX-style errors (`EEXIST`, `ENOTEMPTY`, `EISDIR`,
 * `ENOTDIR`, `ELOOP`-free because the host follows symlinks, `EACCES` on read-only entries).
 *
 * `MemoryFileSystem.forTask(inputs, outputs)` lays out a task: `/input/<name>` read-only files
 * (the declared inputs), `/output/<name>` empty writable files (the bound outputs), the rest of
 * the tree writable scratch; `readOutputs()` returns the outputs' contents to commit on success.
 */

import { Errno, fail } from './errno.js';
import { Filetype } from './constants.js';
import type { FileSystem, FsDirent, FsHandle, FsOpenOptions, FsStat } from './fs.js';

interface Base {
  readonly ino: bigint;
  nlink: bigint;
  atim: bigint;
  mtim: bigint;
  ctim: bigint;
  readOnly: boolean;
}
interface FileNode extends Base {
  kind: 'file';
  data: Uint8Array;
  size: number;
}
interface DirNode extends Base {
  kind: 'dir';
  children: Map<string, Node>;
  parent: DirNode | undefined;
}
interface LinkNode extends Base {
  kind: 'symlink';
  target: string;
}
type Node = FileNode | DirNode | LinkNode;

const FILETYPE = { file: Filetype.REGULAR_FILE, dir: Filetype.DIRECTORY, symlink: Filetype.SYMBOLIC_LINK } as const;

/** Options of the in-memory file system. */
export interface MemoryFileSystemOptions {
  /** Time stamped on new entries and "now" times (ns since the epoch). Default: 0. */
  readonly now?: () => bigint;
  /** Cap on the total bytes of file data (default 1 GiB): writes past it fail with ENOSPC. */
  readonly maxBytes?: number;
}

export class MemoryFileSystem implements FileSystem {
  readonly #root: DirNode;
  #nextIno = 1n;
  readonly #now: () => bigint;
  readonly #maxBytes: number;
  #usedBytes = 0;

  constructor(options: MemoryFileSystemOptions = {}) {
    this.#now = options.now ?? (() => 0n);
    this.#maxBytes = options.maxBytes ?? 2 ** 30;
    this.#root = this.#dir(undefined);
  }

  /**
   * A file system laid out for one task: inputs read-only under `/input`, outputs writable under `/output`.
   * @example const fs = MemoryFileSystem.forTask(new Map([['a', bytes]]), ['out']);
   */
  static forTask(inputs: ReadonlyMap<string, Uint8Array>, outputs: Iterable<string>, options?: MemoryFileSystemOptions): MemoryFileSystem {
    const fs = new MemoryFileSystem(options);
    const inDir = fs.#dir(fs.#root);
    fs.#root.children.set('input', inDir);
    for (const [name, bytes] of inputs) {
      const f = fs.#file(bytes);
      f.readOnly = true;
      inDir.children.set(name, f);
    }
    inDir.readOnly = true;
    const outDir = fs.#dir(fs.#root);
    fs.#root.children.set('output', outDir);
    for (const name of outputs) outDir.children.set(name, fs.#file(new Uint8Array(0)));
    return fs;
  }

  /** Writes a file at `path` (components), creating directories (for setting up a tree). */
  writeFile(path: readonly string[], data: Uint8Array): void {
    let d = this.#root;
    for (const c of path.slice(0, -1)) {
      let n = d.children.get(c);
      if (n === undefined) d.children.set(c, (n = this.#dir(d)));
      if (n.kind !== 'dir') fail(Errno.NOTDIR);
      d = n;
    }
    d.children.set(path[path.length - 1]!, this.#file(data));
  }

  /** The contents of regular file `path`, or undefined. */
  readFile(path: readonly string[]): Uint8Array | undefined {
    try {
      const n = this.#lookup(path);
      return n.kind === 'file' ? n.data.slice(0, n.size) : undefined;
    } catch {
      return undefined;
    }
  }

  /** Contents of `/output/<name>` for each name that is still a regular file. */
  readOutputs(names: Iterable<string>): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const name of names) {
      const b = this.readFile(['output', name]);
      if (b !== undefined) out.set(name, b);
    }
    return out;
  }

  #stamp<T extends Node>(n: Omit<T, keyof Base>): T {
    const t = this.#now();
    return { ...n, ino: this.#nextIno++, nlink: 1n, atim: t, mtim: t, ctim: t, readOnly: false } as T;
  }
  #dir(parent: DirNode | undefined): DirNode {
    const d = this.#stamp<DirNode>({ kind: 'dir', children: new Map(), parent });
    d.nlink = 2n;
    return d;
  }
  #file(data: Uint8Array): FileNode {
    this.#reserve(data.length);
    return this.#stamp<FileNode>({ kind: 'file', data: data.slice(), size: data.length });
  }
  #reserve(delta: number): void {
    if (this.#usedBytes + delta > this.#maxBytes) fail(Errno.NOSPC);
    this.#usedBytes += delta;
  }

  #lookup(path: readonly string[]): Node {
    let n: Node = this.#root;
    for (const c of path) {
      if (n.kind !== 'dir') fail(Errno.NOTDIR);
      const next: Node | undefined = n.children.get(c);
      if (next === undefined) fail(Errno.NOENT);
      n = next;
    }
    return n;
  }
  #parent(path: readonly string[]): [DirNode, string] {
    if (path.length === 0) fail(Errno.INVAL);
    const d = this.#lookup(path.slice(0, -1));
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    return [d, path[path.length - 1]!];
  }
  #writableDir(d: DirNode): void {
    if (d.readOnly) fail(Errno.ACCES);
  }

  #stat(n: Node): FsStat {
    const size = n.kind === 'file' ? n.size : n.kind === 'symlink' ? n.target.length : n.children.size;
    return { dev: 1n, ino: n.ino, filetype: FILETYPE[n.kind], nlink: n.nlink, size: BigInt(size), atimNs: n.atim, mtimNs: n.mtim, ctimNs: n.ctim };
  }

  lstat(path: readonly string[]): FsStat {
    return this.#stat(this.#lookup(path));
  }

  readlink(path: readonly string[]): string {
    const n = this.#lookup(path);
    if (n.kind !== 'symlink') fail(Errno.INVAL);
    return n.target;
  }

  readdir(path: readonly string[]): FsDirent[] {
    const d = this.#lookup(path);
    if (d.kind !== 'dir') fail(Errno.NOTDIR);
    return [...d.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, n]) => ({ name, ino: n.ino, filetype: FILETYPE[n.kind] }));
  }

  open(path: readonly string[], o: FsOpenOptions): FsHandle {
    let n: Node | undefined;
    if (path.length === 0) n = this.#root;
    else {
      const [d, name] = this.#parent(path);
      n = d.children.get(name);
      if (n !== undefined && o.create && o.exclusive) fail(Errno.EXIST);
      if (n === undefined) {
        if (!o.create) fail(Errno.NOENT);
        if (o.directory) fail(Errno.INVAL);
        this.#writableDir(d);
        n = this.#file(new Uint8Array(0));
        d.children.set(name, n);
        d.mtim = d.ctim = this.#now();
      }
    }
    if (n.kind === 'symlink') fail(Errno.LOOP);
    if (o.directory && n.kind !== 'dir') fail(Errno.NOTDIR);
    if (n.kind === 'dir') {
      if (o.write || o.truncate) fail(Errno.ISDIR);
      return this.#dirHandle(n);
    }
    if ((o.write || o.truncate) && n.readOnly) fail(Errno.ACCES);
    const f = n;
    if (o.truncate) this.#resize(f, 0);
    return this.#fileHandle(f);
  }

  #resize(f: FileNode, size: number): void {
    if (size > 2 ** 32) fail(Errno.FBIG);
    this.#reserve(size - f.size);
    if (size > f.data.length) {
      const grown = new Uint8Array(Math.max(size, f.data.length * 2, 64));
      grown.set(f.data.subarray(0, f.size));
      f.data = grown;
    } else if (size < f.size) f.data.fill(0, size, f.size);
    f.size = size;
    f.mtim = f.ctim = this.#now();
  }

  #fileHandle(f: FileNode): FsHandle {
    return {
      read: (dest, position) => {
        if (position >= BigInt(f.size)) return 0;
        const p = Number(position);
        const n = Math.min(dest.length, f.size - p);
        dest.set(f.data.subarray(p, p + n));
        f.atim = this.#now();
        return n;
      },
      write: (src, position) => {
        if (f.readOnly) fail(Errno.ACCES);
        const end = position + BigInt(src.length);
        if (end > 2n ** 32n) fail(Errno.FBIG);
        if (end > BigInt(f.size)) this.#resize(f, Number(end));
        f.data.set(src, Number(position));
        f.mtim = f.ctim = this.#now();
        return src.length;
      },
      stat: () => this.#stat(f),
      setSize: (size) => {
        if (f.readOnly) fail(Errno.ACCES);
        if (size > 2n ** 32n) fail(Errno.FBIG);
        this.#resize(f, Number(size));
      },
      setTimes: (a, m) => this.#times(f, a, m),
      sync: () => {},
      close: () => {},
    };
  }

  #dirHandle(d: DirNode): FsHandle {
    return {
      read: () => fail(Errno.ISDIR),
      write: () => fail(Errno.ISDIR),
      stat: () => this.#stat(d),
      setSize: () => fail(Errno.ISDIR),
      setTimes: (a, m) => this.#times(d, a, m),
      sync: () => {},
      close: () => {},
    };
  }

  #times(n: Node, a: bigint | undefined, m: bigint | undefined): void {
    if (n.readOnly) fail(Errno.ACCES);
    if (a !== undefined) n.atim = a;
    if (m !== undefined) n.mtim = m;
    n.ctim = this.#now();
  }

  mkdir(path: readonly string[]): void {
    const [d, name] = this.#parent(path);
    if (d.children.has(name)) fail(Errno.EXIST);
    this.#writableDir(d);
    d.children.set(name, this.#dir(d));
    d.nlink++;
  }

  rmdir(path: readonly string[]): void {
    const [d, name] = this.#parent(path);
    const n = d.children.get(name);
    if (n === undefined) fail(Errno.NOENT);
    if (n.kind !== 'dir') fail(Errno.NOTDIR);
    if (n.children.size > 0) fail(Errno.NOTEMPTY);
    this.#writableDir(d);
    d.children.delete(name);
    d.nlink--;
  }

  unlink(path: readonly string[]): void {
    const [d, name] = this.#parent(path);
    const n = d.children.get(name);
    if (n === undefined) fail(Errno.NOENT);
    if (n.kind === 'dir') fail(Errno.ISDIR);
    this.#writableDir(d);
    d.children.delete(name);
    n.nlink--;
    if (n.kind === 'file' && n.nlink === 0n) this.#usedBytes -= n.size;
  }

  rename(from: readonly string[], to: readonly string[]): void {
    const [fd, fname] = this.#parent(from);
    const n = fd.children.get(fname);
    if (n === undefined) fail(Errno.NOENT);
    const [td, tname] = this.#parent(to);
    this.#writableDir(fd);
    this.#writableDir(td);
    if (n.kind === 'dir') {
      for (let p: DirNode | undefined = td; p !== undefined; p = p.parent) if (p === n) fail(Errno.INVAL);
    }
    const existing = td.children.get(tname);
    if (existing === n) return;
    if (existing !== undefined) {
      if (n.kind === 'dir' && existing.kind !== 'dir') fail(Errno.NOTDIR);
      if (n.kind !== 'dir' && existing.kind === 'dir') fail(Errno.ISDIR);
      if (existing.kind === 'dir' && existing.children.size > 0) fail(Errno.NOTEMPTY);
      if (existing.kind === 'file' && --existing.nlink === 0n) this.#usedBytes -= existing.size;
      if (existing.kind === 'dir') td.nlink--;
    }
    fd.children.delete(fname);
    td.children.set(tname, n);
    if (n.kind === 'dir') {
      n.parent = td;
      fd.nlink--;
      td.nlink++;
    }
    const t = this.#now();
    fd.mtim = td.mtim = n.ctim = t;
  }

  symlink(target: string, path: readonly string[]): void {
    const [d, name] = this.#parent(path);
    if (d.children.has(name)) fail(Errno.EXIST);
    this.#writableDir(d);
    d.children.set(name, this.#stamp<LinkNode>({ kind: 'symlink', target }));
  }

  link(from: readonly string[], to: readonly string[]): void {
    const n = this.#lookup(from);
    if (n.kind === 'dir') fail(Errno.PERM);
    const [d, name] = this.#parent(to);
    if (d.children.has(name)) fail(Errno.EXIST);
    this.#writableDir(d);
    d.children.set(name, n);
    n.nlink++;
    n.ctim = this.#now();
  }

  setTimes(path: readonly string[], a: bigint | undefined, m: bigint | undefined): void {
    this.#times(this.#lookup(path), a, m);
  }
}

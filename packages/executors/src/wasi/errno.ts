/**
 * WASI preview-1 `errno` values (`typenames.witx`, `(typename $errno (enum (@witx tag u16) …))`;
 * the same numbers as wasi-libc's `wasi/api.h`), and the exception our host code throws to end a
 * syscall with one. Only the values this host returns are named; the numbering is the witx order.
 */

export const Errno = {
  SUCCESS: 0,
  '2BIG': 1,
  ACCES: 2,
  AGAIN: 6,
  BADF: 8,
  BUSY: 10,
  EXIST: 20,
  FAULT: 21,
  FBIG: 22,
  ILSEQ: 25,
  INVAL: 28,
  IO: 29,
  ISDIR: 31,
  LOOP: 32,
  MLINK: 34,
  NAMETOOLONG: 37,
  NOENT: 44,
  NOMEM: 48,
  NOSPC: 51,
  NOSYS: 52,
  NOTDIR: 54,
  NOTEMPTY: 55,
  NOTSOCK: 57,
  NOTSUP: 58,
  OVERFLOW: 61,
  PERM: 63,
  ROFS: 69,
  SPIPE: 70,
  XDEV: 75,
  NOTCAPABLE: 76,
} as const;

export type ErrnoValue = (typeof Errno)[keyof typeof Errno];

/** Ends the current syscall with `errno` (caught at the syscall boundary, never escapes to the guest as an exception). */
export class ErrnoError extends Error {
  readonly errno: number;
  constructor(errno: number, message = `errno ${errno}`) {
    super(message);
    this.name = 'ErrnoError';
    this.errno = errno;
  }
}

/** Throws `ErrnoError(errno)`. */
export function fail(errno: number): never {
  throw new ErrnoError(errno);
}

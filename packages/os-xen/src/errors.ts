/**
 * The error specific to the Xen backend. Argument errors come from `@shimkit/os-shim/errors`;
 * the host-ABI and end-of-life errors (`HostMissingError`, `HostAbiError`,
 * `HostAlreadyBoundError`, `GuestExit`, `LoopBusyError`) are shared with the Solo5 backend and
 * come from `@shimkit/os-unikernel/errors` (re-exported by this package's entry).
 */

/** The pvclock record never became consistent: the host leaves updates unfinished. */
export class PvclockError extends Error {
  readonly code = 'ERR_PVCLOCK_UNSTABLE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'PvclockError';
  }
}

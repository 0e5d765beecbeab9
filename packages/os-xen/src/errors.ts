/**
 * Errors specific to the Xen backend. Argument errors come from `@shimkit/os-shim/errors`
 * (shared by every backend); these cover the host ABI and the guest's end of life.
 */

/** The backend was used before an embedding installed the Xen host ABI object. */
export class HostMissingError extends Error {
  readonly code = 'ERR_NO_HOST' as const;
  constructor() {
    super(
      'No Xen host ABI is installed: the embedding must call bindHost(host) from "@shimkit/os-xen", ' +
        'or set globalThis.__shimkitXenHost, before the backend is first used (see the XenHost interface).',
    );
    this.name = 'HostMissingError';
  }
}

/** The host object is missing a member of the ABI or has one of the wrong kind. */
export class HostAbiError extends TypeError {
  readonly code = 'ERR_HOST_ABI' as const;
  constructor(message: string) {
    super(message);
    this.name = 'HostAbiError';
  }
}

/** `bindHost` was called after the backend had already been bound and used. */
export class HostAlreadyBoundError extends Error {
  readonly code = 'ERR_HOST_BOUND' as const;
  constructor() {
    super('The Xen host ABI is already bound and in use; bindHost must be called once, before first use.');
    this.name = 'HostAlreadyBoundError';
  }
}

/** The pvclock record never became consistent: the host leaves updates unfinished. */
export class PvclockError extends Error {
  readonly code = 'ERR_PVCLOCK_UNSTABLE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'PvclockError';
  }
}

/**
 * The guest asked to shut down (`lifecycle.exit`) and the host's `sched_op_shutdown` returned,
 * which Xen never does: this error unwinds the guest program so nothing after `exit` runs.
 * `main.run` treats it as the program's end.
 */
export class GuestExit extends Error {
  readonly code = 'ERR_GUEST_EXITED' as const;
  readonly status: number;
  constructor(status: number) {
    super(`the guest exited with status ${status}`);
    this.name = 'GuestExit';
    this.status = status;
  }
}

/** `main.run` was called while a previous `run` was still going. */
export class LoopBusyError extends Error {
  readonly code = 'ERR_LOOP_RUNNING' as const;
  constructor() {
    super('main.run is already running; await it before starting another program');
    this.name = 'LoopBusyError';
  }
}

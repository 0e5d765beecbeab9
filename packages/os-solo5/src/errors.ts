/**
 * Errors specific to the Solo5 backend. Argument errors come from `@shimkit/os-shim/errors`
 * (shared by every backend); these cover the host ABI and the guest's end of life.
 */

/** The backend was used before an embedding installed the Solo5 host ABI object. */
export class HostMissingError extends Error {
  readonly code = 'ERR_NO_HOST' as const;
  constructor() {
    super(
      'No Solo5 host ABI is installed: the embedding must call bindHost(host) from "@shimkit/os-solo5", ' +
        'or set globalThis.__shimkitSolo5Host, before the backend is first used (see the Solo5Host interface).',
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
    super('The Solo5 host ABI is already bound and in use; bindHost must be called once, before first use.');
    this.name = 'HostAlreadyBoundError';
  }
}

/**
 * The guest asked to exit (`lifecycle.exit`) and the host's `solo5_exit` returned, which Solo5
 * never does: this error unwinds the guest program so nothing after `exit` runs.
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

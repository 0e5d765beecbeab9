/**
 * Errors of the unikernel backends. Argument errors come from `@shimkit/os-shim/errors` (shared
 * by every backend); these cover the host ABI and the guest's end of life. Each class has one
 * stable `code`; the messages name the backend through a `HostAbiName` (see `./host-binding.ts`),
 * so `@shimkit/os-xen` and `@shimkit/os-solo5` throw the same classes with their own words.
 */

/** How a backend names its host ABI in messages. */
export interface HostAbiName {
  /** The platform, as users write it: `Xen`, `Solo5`. */
  readonly platform: string;
  /** The backend's package, where `bindHost` comes from. */
  readonly packageName: string;
  /** The global a bare-engine embedding sets to its host object. */
  readonly hostGlobal: string;
  /** The TypeScript interface of the host object. */
  readonly hostInterface: string;
}

/** The backend was used before an embedding installed the host ABI object. */
export class HostMissingError extends Error {
  readonly code = 'ERR_NO_HOST' as const;
  constructor(abi: HostAbiName) {
    super(
      `No ${abi.platform} host ABI is installed: the embedding must call bindHost(host) from "${abi.packageName}", ` +
        `or set globalThis.${abi.hostGlobal}, before the backend is first used (see the ${abi.hostInterface} interface).`,
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
  constructor(abi: HostAbiName) {
    super(`The ${abi.platform} host ABI is already bound and in use; bindHost must be called once, before first use.`);
    this.name = 'HostAlreadyBoundError';
  }
}

/**
 * The guest asked to end (`lifecycle.exit`) and the host's halt call returned, which a real
 * hypervisor or tender never lets happen: this error unwinds the guest program so nothing after
 * `exit` runs. `main.run` treats it as the program's end.
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

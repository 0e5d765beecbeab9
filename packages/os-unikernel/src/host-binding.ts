/**
 * How an embedding hands its host ABI object to a backend, and the one backend instance per
 * guest. The backend is created on first use (not at import, so importing draws nothing and
 * needs no host) from, in order: the object given to `bindHost(host)`, or the global the backend
 * names (`HostAbiName.hostGlobal`) — the hook for a bare engine whose embedding defines one
 * global before it evaluates the bundle. The host's shape is checked then, by the backend's
 * `check`, built from the shape helpers below (`HostAbiError` with a message naming the member).
 */

import { HostAbiError, type HostAbiName, HostAlreadyBoundError, HostMissingError } from './errors.js';

export interface HostBindingSpec<H, B> {
  readonly abi: HostAbiName;
  /** Checks the shape of a candidate host object; throws `HostAbiError`. */
  check(host: unknown): H;
  /** Creates the backend over a checked host. */
  create(host: H): B;
}

export interface HostBinding<H, B> {
  /** Installs the host ABI object. Call it once, before the backend is first used. */
  bindHost(host: H): void;
  /** The backend for the installed host, created on first call. */
  current(): B;
}

/**
 * One backend instance per guest, over the host the embedding installs.
 *
 * @throws {HostAbiError} `ERR_HOST_ABI` (from `spec.check`) from `bindHost` or the first `current()`;
 *   {HostAlreadyBoundError} `ERR_HOST_BOUND` from `bindHost` after first use;
 *   {HostMissingError} `ERR_NO_HOST` from `current()` when no host is installed.
 * @example
 * export const { bindHost, current } = createHostBinding({ abi, check, create: createSolo5Backend });
 */
export function createHostBinding<H, B>(spec: HostBindingSpec<H, B>): HostBinding<H, B> {
  let bound: H | null = null;
  let backend: { readonly value: B } | null = null;
  return {
    bindHost(host: H): void {
      if (backend !== null) throw new HostAlreadyBoundError(spec.abi);
      bound = spec.check(host);
    },
    current(): B {
      if (backend === null) {
        const host = bound ?? (globalThis as Record<string, unknown>)[spec.abi.hostGlobal];
        if (host === undefined || host === null) throw new HostMissingError(spec.abi);
        backend = { value: spec.create(spec.check(host)) };
      }
      return backend.value;
    },
  };
}

/** The host as a record of members; throws unless it is an object. */
export function hostMembers(host: unknown, platform: string): Record<string, unknown> {
  if (typeof host !== 'object' || host === null) throw new HostAbiError(`the ${platform} host ABI must be an object`);
  return host as Record<string, unknown>;
}

/** Throws unless every member in `names` is a function. */
export function requireFunctions(h: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    if (typeof h[name] !== 'function') throw new HostAbiError(`host.${name} must be a function`);
  }
}

/** Throws unless every member in `names` is a function or absent. */
export function optionalFunctions(h: Record<string, unknown>, names: readonly string[]): void {
  for (const name of names) {
    if (h[name] !== undefined && typeof h[name] !== 'function') {
      throw new HostAbiError(`host.${name} must be a function or absent`);
    }
  }
}

/** Throws unless member `name` is a `Uint8Array`. */
export function requireBytes(h: Record<string, unknown>, name: string): void {
  if (!(h[name] instanceof Uint8Array)) throw new HostAbiError(`host.${name} must be a Uint8Array`);
}

/**
 * The CPU-RNG members of a host: `rdrand`, `rdseed` and `cpuid` are each a function or absent,
 * and `cpuid` is present whenever `rdrand` or `rdseed` is (the CPU-RNG policy needs the vendor
 * and family, `@shimkit/os-shim/cpu-rng`).
 */
export function checkCpuRngMembers(h: Record<string, unknown>): void {
  optionalFunctions(h, ['rdrand', 'rdseed', 'cpuid']);
  if ((h.rdrand !== undefined || h.rdseed !== undefined) && h.cpuid === undefined) {
    throw new HostAbiError('host.cpuid must be a function when host.rdrand or host.rdseed is offered (the CPU-RNG policy reads the vendor and family)');
  }
}

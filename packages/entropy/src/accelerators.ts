/**
 * The OS backend's stream-cipher accelerators (`Cpu.aes256Ctr`, `Cpu.chacha20` of the os-shim
 * contract), probed before use, as the entropy runtime hands them to the generators. The
 * generators themselves import no OS (mirage-crypto-rng's split: the RNG is "merely the
 * deterministic part"); the runtime reads `os.cpu` and passes the accelerators in.
 *
 * An accelerator can be present and still not work: an OpenSSL 3 build whose provider lacks
 * ChaCha20 or AES-CTR (FIPS providers; "digital envelope routines::unsupported"), a broken
 * build, a host glue bug. So each one is used only after a known-answer probe: the accelerator
 * and the pure-JavaScript primitive (@noble/ciphers, which the published RFC 8439 / SP 800-38A
 * vectors pin down in this package's tests) compute the same keystream — across a partial last
 * block, and for AES across the 2^128 counter wrap — and must agree byte for byte, leaving key,
 * nonce and counter unmodified. The known answer is computed by the pure-JS primitive at probe
 * time, not retyped. A missing accelerator, a throw or a mismatch means the pure-JS path (the
 * same bytes, slower), and `status()` says which path runs and why. An accelerator that fails
 * after the probe zeroes that request's output, which then throws, and the next request uses
 * the pure-JS path.
 */

import type { Cpu } from '@shimkit/os-shim/contract';
import { type Aes256Ctr, jsAes256Ctr } from './aes-ctr.js';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';

/** Which implementation of a keystream serves requests. */
export type KeystreamPath = 'accelerator' | 'javascript' | 'not-probed';

/** What `status()` shows for one accelerator. */
export interface AcceleratorStatus {
  /** `accelerator` (probed and working), `javascript` (pure JS: absent, refused or failed), `not-probed` (before first use). */
  readonly path: KeystreamPath;
  /** Why that path: e.g. `known-answer probe passed`, `the unix backend has no os.cpu.chacha20`, `known-answer probe failed: …`. */
  readonly reason: string;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * One probed keystream: `fn` is what the generators call; it runs the accelerator while it is
 * trusted, and the pure-JS primitive otherwise.
 */
export class ProbedKeystream<F extends (...args: never[]) => void> {
  readonly name: string;
  /** The function to hand to a generator. */
  readonly fn: F;
  #path: KeystreamPath;
  #reason: string;

  constructor(name: string, fn: F, path: KeystreamPath, reason: string) {
    this.name = name;
    this.fn = fn;
    this.#path = path;
    this.#reason = reason;
  }

  get status(): AcceleratorStatus {
    return { path: this.#path, reason: this.#reason };
  }

  /** True while the accelerator serves. */
  get accelerated(): boolean {
    return this.#path === 'accelerator';
  }

  /** @internal The accelerator failed after its probe: pure JS from now on. */
  demote(reason: string): void {
    this.#path = 'javascript';
    this.#reason = reason;
  }
}

/** Fixed, distinct probe inputs (a probe checks agreement, not secrecy). */
const probeBytes = (n: number, mul: number, add: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (i * mul + add) & 0xff);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Probe for AES-256-CTR: 75 bytes (a partial last block) from counter 2^128 − 3 (the wrap). */
function probeAes(accel: Aes256Ctr): string | undefined {
  const key = probeBytes(32, 7, 1);
  const counter = new Uint8Array(16).fill(0xff);
  counter[15] = 0xfd;
  const want = new Uint8Array(75);
  jsAes256Ctr(key, counter, want);
  const got = new Uint8Array(75);
  const keyCopy = key.slice();
  const counterCopy = counter.slice();
  try {
    accel(key, counter, got);
  } catch (error) {
    return `known-answer probe threw: ${message(error)}`;
  }
  if (!sameBytes(key, keyCopy) || !sameBytes(counter, counterCopy)) return 'known-answer probe failed: the accelerator modified its key or counter';
  if (!sameBytes(got, want)) return 'known-answer probe failed: its keystream differs from @noble/ciphers AES-256-CTR';
  return undefined;
}

/** Probe for ChaCha20: 150 bytes (a partial last block) from block 1. */
function probeChacha(accel: ChaCha20Keystream): string | undefined {
  const key = probeBytes(32, 5, 3);
  const nonce = probeBytes(12, 11, 9);
  const want = new Uint8Array(150);
  jsChacha20(key, nonce, 1, want);
  const got = new Uint8Array(150);
  const keyCopy = key.slice();
  const nonceCopy = nonce.slice();
  try {
    accel(key, nonce, 1, got);
  } catch (error) {
    return `known-answer probe threw: ${message(error)}`;
  }
  if (!sameBytes(key, keyCopy) || !sameBytes(nonce, nonceCopy)) return 'known-answer probe failed: the accelerator modified its key or nonce';
  if (!sameBytes(got, want)) return 'known-answer probe failed: its keystream differs from @noble/ciphers ChaCha20';
  return undefined;
}

/**
 * The probed keystream for one accelerator: `given` (absent → pure JS) if `probe(given)` finds
 * nothing wrong; the pure-JS `js` otherwise. The returned function falls back to `js` for good
 * after `given` throws once (zeroing that call's output and rethrowing).
 */
function probed<F extends (...args: never[]) => void>(
  name: string,
  label: string,
  backend: string,
  log: (line: string) => void,
  given: F | undefined,
  js: F,
  probe: (accel: F) => string | undefined,
  destOf: (args: Parameters<F>) => Uint8Array,
): ProbedKeystream<F> {
  if (given === js) return new ProbedKeystream(name, js, 'javascript', 'pure JavaScript requested');
  if (given === undefined) return new ProbedKeystream(name, js, 'javascript', `the ${backend} backend has no os.cpu.${name}`);
  const refused = probe(given);
  if (refused !== undefined) {
    log(`@shimkit/entropy: the ${label} accelerator is not used (${refused}); using @noble/ciphers (same bytes)`);
    return new ProbedKeystream(name, js, 'javascript', refused);
  }
  let state: ProbedKeystream<F>;
  const fn = ((...args: Parameters<F>): void => {
    if (!state.accelerated) return js(...args);
    try {
      given(...args);
    } catch (error) {
      destOf(args).fill(0);
      state.demote(`failed after its probe (${message(error)}); pure JavaScript since`);
      log(`@shimkit/entropy: the ${label} accelerator failed (${message(error)}); that request threw with its output zeroed, the next ones use @noble/ciphers`);
      throw error;
    }
  }) as F;
  state = new ProbedKeystream(name, fn, 'accelerator', 'known-answer probe passed');
  return state;
}

/**
 * Probes `accel` (the caller's, or else `cpu.aes256Ctr`) once and returns the keystream to use.
 * `log` hears about a refused or failing accelerator.
 */
export function probeAes256Ctr(cpu: Cpu, backend: string, log: (line: string) => void, accel?: Aes256Ctr): ProbedKeystream<Aes256Ctr> {
  return probed('aes256Ctr', 'AES-256-CTR', backend, log, accel ?? linkedAes256Ctr(cpu), jsAes256Ctr, probeAes, (args) => args[2]);
}

/** As `probeAes256Ctr`, for ChaCha20 (`cpu.chacha20`). */
export function probeChacha20(cpu: Cpu, backend: string, log: (line: string) => void, accel?: ChaCha20Keystream): ProbedKeystream<ChaCha20Keystream> {
  return probed('chacha20', 'ChaCha20', backend, log, accel ?? linkedChacha20(cpu), jsChacha20, probeChacha, (args) => args[3]);
}

/** `cpu.aes256Ctr`, bound to `cpu`, or undefined when the backend has none (not probed). */
export function linkedAes256Ctr(cpu: Cpu): Aes256Ctr | undefined {
  const accel = cpu.aes256Ctr;
  return typeof accel !== 'function' ? undefined : (key, counter, dest) => accel.call(cpu, key, counter, dest);
}

/** `cpu.chacha20`, bound to `cpu`, or undefined when the backend has none (not probed). */
export function linkedChacha20(cpu: Cpu): ChaCha20Keystream | undefined {
  const accel = cpu.chacha20;
  return typeof accel !== 'function' ? undefined : (key, nonce, counter, dest) => accel.call(cpu, key, nonce, counter, dest);
}

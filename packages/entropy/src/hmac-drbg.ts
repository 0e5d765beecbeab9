/**
 * HMAC_DRBG, NIST SP 800-90A rev. 1 §10.1.2, with SHA-256 or SHA-512 (HMAC from @noble/hashes).
 *
 * Complete as the standard describes it:
 * - Instantiate (§10.1.2.3): `instantiate(entropyInput, nonce, personalizationString)`;
 *   Key = 0x00…, V = 0x01…, HMAC_DRBG_Update(entropy ‖ nonce ‖ personalization), counter = 1.
 * - Reseed (§10.1.2.4): `reseed(entropyInput, additionalInput)`; counter = 1.
 * - Generate (§10.1.2.5, with §9.3.1's prediction-resistance and reseed-required steps):
 *   `generate(n, { additionalInput, predictionResistance })`.
 * - Limits (Table 2): at most 2^16 bytes (2^19 bits) per request; `reseedInterval` requests
 *   between reseeds (at most 2^48, the default); entropy input of at least 32 bytes (the
 *   security strength, 256 bits, for both hashes). When the interval is used up or prediction
 *   resistance is requested, the DRBG reseeds itself from the `entropy` callback, or throws
 *   `ReseedRequiredError` (`ERR_RESEED_REQUIRED`) when it has none.
 *
 * As a `Generator`, `reseed(seed)` on a DRBG that was never instantiated instantiates it with
 * `seed` as the entropy input, no separate nonce (§8.6.7 allows the nonce to come with the
 * entropy input; the input must then be at least 48 bytes, 3/2 of the security strength) and the
 * constructor's personalization string.
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { ShimkitRangeError, ShimkitTypeError } from '@shimkit/os-shim/errors';
import { assertFunction, assertIntInRange, assertOptions } from '@shimkit/os-shim/validate';
import { ReseedRequiredError, UnseededError } from './errors.js';
import type { Generator } from './generator.js';
import { SERVE, type Serving } from './internal.js';
import { checkDestination, checkLength, checkSeed } from './request.js';

export type HmacDrbgHash = 'sha256' | 'sha512';

/** max_number_of_bits_per_request = 2^19 bits. */
export const HMAC_DRBG_MAX_REQUEST = 65_536;
/** Largest reseed_interval SP 800-90A allows for HMAC_DRBG: 2^48 requests. */
export const HMAC_DRBG_MAX_RESEED_INTERVAL = 2 ** 48;
/** Security strength in bytes (256 bits) = the minimum entropy input. */
export const HMAC_DRBG_MIN_ENTROPY = 32;
/** Entropy input needed when it also carries the nonce (§8.6.7): 3/2 of the security strength. */
export const HMAC_DRBG_MIN_ENTROPY_WITH_NONCE = 48;

const EMPTY = new Uint8Array(0);

export interface HmacDrbgOptions {
  /** The hash function (default `'sha256'`). */
  hash?: HmacDrbgHash;
  /** Requests allowed between reseeds, 1 … 2^48 (default 2^48). */
  reseedInterval?: number;
  /**
   * Get_entropy_input: returns at least 32 fresh bytes. Used for prediction resistance and when
   * the reseed interval is used up. Without it those cases throw `ReseedRequiredError`.
   */
  entropy?: () => Uint8Array;
  /** Prediction resistance on every request (requires `entropy`). Default false. */
  predictionResistance?: boolean;
  /** Personalization string used when `reseed(seed)` instantiates the DRBG (default empty). */
  personalization?: Uint8Array;
}

export interface HmacDrbgGenerateOptions {
  /** additional_input (default empty). */
  additionalInput?: Uint8Array;
  /** prediction_resistance_request (default: the constructor's `predictionResistance`). */
  predictionResistance?: boolean;
}

const OPTION_KEYS = ['hash', 'reseedInterval', 'entropy', 'predictionResistance', 'personalization'] as const;
const GENERATE_KEYS = ['additionalInput', 'predictionResistance'] as const;
const UNSEEDED_HOW =
  'call instantiate(entropyInput, nonce) with at least 32 bytes (256 bits) of entropy input, or reseed(seed) with at least 48 bytes (entropy input carrying its nonce, SP 800-90A §8.6.7)';

/**
 * HMAC_DRBG (SP 800-90A rev. 1 §10.1.2); see the module comment.
 *
 * @example
 * const d = new HmacDrbg({ hash: 'sha256' });
 * d.instantiate(entropy32, nonce16);
 * d.generate(64, { additionalInput });
 */
export class HmacDrbg implements Generator, Serving {
  readonly name: string;
  readonly hash: HmacDrbgHash;
  readonly maxRequest = HMAC_DRBG_MAX_REQUEST;
  readonly accelerated = false;
  readonly reseedInterval: number;
  readonly predictionResistance: boolean;

  readonly #fn: typeof sha256 | typeof sha512;
  readonly #outLen: number;
  readonly #entropy: (() => Uint8Array) | undefined;
  readonly #personalization: Uint8Array;
  #key: Uint8Array;
  #v: Uint8Array;
  #reseedCounter = 0;
  #instantiated = false;

  /**
   * @throws ShimkitTypeError `ERR_INVALID_ARG_TYPE` (not an object, unknown key, wrong type),
   *   ShimkitRangeError `ERR_OUT_OF_RANGE` (unknown hash, reseedInterval outside [1, 2^48]).
   */
  constructor(opts?: HmacDrbgOptions) {
    const options = assertOptions<HmacDrbgOptions>(opts, 'options', OPTION_KEYS);
    const hash = options.hash ?? 'sha256';
    if (hash !== 'sha256' && hash !== 'sha512') {
      throw new ShimkitRangeError(`options.hash must be 'sha256' or 'sha512', got ${String(hash)}`);
    }
    this.hash = hash;
    this.name = `hmac-drbg-${hash}`;
    this.#fn = hash === 'sha256' ? sha256 : sha512;
    this.#outLen = hash === 'sha256' ? 32 : 64;
    this.reseedInterval = assertIntInRange(
      options.reseedInterval ?? HMAC_DRBG_MAX_RESEED_INTERVAL,
      'options.reseedInterval',
      1,
      HMAC_DRBG_MAX_RESEED_INTERVAL,
    );
    this.#entropy = options.entropy === undefined ? undefined : assertFunction<() => Uint8Array>(options.entropy, 'options.entropy');
    this.predictionResistance = options.predictionResistance ?? false;
    if (typeof this.predictionResistance !== 'boolean') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'options.predictionResistance must be a boolean');
    }
    if (this.predictionResistance && this.#entropy === undefined) {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'options.entropy must be a function when predictionResistance is true');
    }
    this.#personalization = Uint8Array.from(checkSeed(options.personalization ?? EMPTY, 'options.personalization'));
    this.#key = new Uint8Array(this.#outLen);
    this.#v = new Uint8Array(this.#outLen);
  }

  /** True once instantiated. */
  get seeded(): boolean {
    return this.#instantiated;
  }

  /** reseed_counter: 1 after (re)seeding, +1 per generate. 0 before instantiation. */
  get reseedCounter(): number {
    return this.#reseedCounter;
  }

  /**
   * Instantiate (§10.1.2.3). Re-instantiating replaces the whole state.
   *
   * @throws ShimkitRangeError `ERR_OUT_OF_RANGE` when `entropyInput` is shorter than 32 bytes;
   *   ShimkitTypeError for arguments that are not live Uint8Arrays.
   * @example drbg.instantiate(entropy32, nonce16, personalization);
   */
  instantiate(entropyInput: Uint8Array, nonce: Uint8Array, personalizationString: Uint8Array = EMPTY): void {
    const e = this.#checkEntropy(entropyInput, 'entropyInput', HMAC_DRBG_MIN_ENTROPY);
    const n = checkSeed(nonce, 'nonce');
    const p = checkSeed(personalizationString, 'personalizationString');
    this.#instantiate(e, n, p);
  }

  /**
   * Reseed (§10.1.2.4) with `entropyInput` (at least 32 bytes) and optional additional input.
   * On a DRBG never instantiated, instantiates it (see the module comment; 48 bytes minimum).
   *
   * @throws ShimkitRangeError `ERR_OUT_OF_RANGE` when `entropyInput` is too short;
   *   ShimkitTypeError for arguments that are not live Uint8Arrays.
   * @example drbg.reseed(fresh32, additionalInput);
   */
  reseed(entropyInput: Uint8Array, additionalInput: Uint8Array = EMPTY): void {
    if (!this.#instantiated) {
      const e = this.#checkEntropy(entropyInput, 'entropyInput', HMAC_DRBG_MIN_ENTROPY_WITH_NONCE);
      checkSeed(additionalInput, 'additionalInput');
      this.#instantiate(e, EMPTY, this.#personalization);
      return;
    }
    const e = this.#checkEntropy(entropyInput, 'entropyInput', HMAC_DRBG_MIN_ENTROPY);
    const a = checkSeed(additionalInput, 'additionalInput');
    this.#reseed(e, a);
  }

  /**
   * Generate (§10.1.2.5 with §9.3.1): `n` bytes, 0 … 65 536.
   *
   * @throws ShimkitTypeError / ShimkitRangeError for bad arguments or options (unknown keys too);
   *   UnseededError `ERR_UNSEEDED` before instantiation; ReseedRequiredError `ERR_RESEED_REQUIRED`
   *   when fresh entropy is needed and there is no `entropy` callback.
   */
  generate(n: number, options?: HmacDrbgGenerateOptions): Uint8Array {
    const len = checkLength(n, HMAC_DRBG_MAX_REQUEST);
    const { additionalInput, predictionResistance } = this.#checkGenerateOptions(options);
    const out = new Uint8Array(len);
    this.#guarded(out, additionalInput, predictionResistance);
    return out;
  }

  /**
   * As `generate`, into `dest` (an integer typed array or DataView of at most 65 536 bytes; float
   * arrays are refused). On an argument error `dest` is untouched; on any other error it is all zero.
   */
  fill(dest: ArrayBufferView, options?: HmacDrbgGenerateOptions): void {
    const out = checkDestination(dest, HMAC_DRBG_MAX_REQUEST);
    const { additionalInput, predictionResistance } = this.#checkGenerateOptions(options);
    this.#guarded(out, additionalInput, predictionResistance);
  }

  /** @internal Serves a validated destination (no additional input); all zero on any throw. */
  [SERVE](out: Uint8Array): void {
    this.#guarded(out, EMPTY, this.predictionResistance);
  }

  #guarded(out: Uint8Array, additionalInput: Uint8Array, predictionResistance: boolean): void {
    try {
      this.#generate(out, additionalInput, predictionResistance);
    } catch (error) {
      out.fill(0);
      throw error;
    }
  }

  /** Uninstantiate (§9.4): zero the state; the DRBG is unseeded again. */
  uninstantiate(): void {
    this.#key.fill(0);
    this.#v.fill(0);
    this.#reseedCounter = 0;
    this.#instantiated = false;
  }

  #checkEntropy(value: unknown, name: string, min: number): Uint8Array {
    const e = checkSeed(value, name);
    if (e.length < min) throw new ShimkitRangeError(`${name} must be at least ${min} bytes, got ${e.length}`);
    return e;
  }

  #checkGenerateOptions(opts: HmacDrbgGenerateOptions | undefined): { additionalInput: Uint8Array; predictionResistance: boolean } {
    const options = assertOptions<HmacDrbgGenerateOptions>(opts, 'options', GENERATE_KEYS);
    const additionalInput = checkSeed(options.additionalInput ?? EMPTY, 'options.additionalInput');
    const predictionResistance = options.predictionResistance ?? this.predictionResistance;
    if (typeof predictionResistance !== 'boolean') {
      throw new ShimkitTypeError('ERR_INVALID_ARG_TYPE', 'options.predictionResistance must be a boolean');
    }
    return { additionalInput, predictionResistance };
  }

  #instantiate(entropy: Uint8Array, nonce: Uint8Array, personalization: Uint8Array): void {
    this.#key.fill(0);
    this.#v.fill(1);
    this.#update(entropy, nonce, personalization);
    this.#reseedCounter = 1;
    this.#instantiated = true;
  }

  #reseed(entropy: Uint8Array, additional: Uint8Array): void {
    this.#update(entropy, additional);
    this.#reseedCounter = 1;
  }

  #generate(out: Uint8Array, additionalInput: Uint8Array, predictionResistance: boolean): void {
    if (!this.#instantiated) throw new UnseededError(this.name, UNSEEDED_HOW);
    let additional = additionalInput;
    // §9.3.1 steps 7–9: reseed first when prediction resistance is asked or the interval is used up.
    if (predictionResistance || this.#reseedCounter > this.reseedInterval) {
      if (this.#entropy === undefined) {
        throw new ReseedRequiredError(
          predictionResistance
            ? `${this.name}: prediction resistance needs fresh entropy and no entropy callback was given`
            : `${this.name}: the reseed counter passed the reseed interval (${this.reseedInterval})`,
        );
      }
      const fresh = this.#checkEntropy(this.#entropy(), 'the entropy callback result', HMAC_DRBG_MIN_ENTROPY);
      this.#reseed(fresh, additional);
      fresh.fill(0);
      additional = EMPTY;
    }
    // §10.1.2.5 steps 2–8.
    if (additional.length > 0) this.#update(additional);
    if (out.length > 0) {
      const mac = hmac.create(this.#fn, this.#key);
      for (let off = 0; off < out.length; off += this.#outLen) {
        const next = mac.clone().update(this.#v).digest();
        this.#v.fill(0);
        this.#v = next;
        out.set(off + next.length <= out.length ? next : next.subarray(0, out.length - off), off);
      }
      mac.destroy();
    }
    this.#update(additional);
    this.#reseedCounter++;
  }

  /** HMAC_DRBG_Update (§10.1.2.2) with provided_data = the concatenation of `parts`. */
  #update(...parts: Uint8Array[]): void {
    const provided = parts.some((p) => p.length > 0);
    for (const tag of provided ? [0, 1] : [0]) {
      const mac = hmac.create(this.#fn, this.#key).update(this.#v).update(Uint8Array.of(tag));
      for (const p of parts) mac.update(p);
      const key = mac.digest();
      this.#key.fill(0);
      this.#key = key;
      const v = hmac(this.#fn, this.#key, this.#v);
      this.#v.fill(0);
      this.#v = v;
    }
  }
}

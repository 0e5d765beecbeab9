/**
 * The shimkit OS contract.
 *
 * This module is the whole surface a shimkit library may use from the operating system it runs
 * on. It is the intersection of what every backend (`unix`, `xen`, `solo5`, `wasi`) provides, in
 * the manner of MirageOS's `mirage_OS.mli` (Env, Lifecycle, Main, Time) and of the backend table
 * of Rust's `getrandom`. A capability that only some backends have is optional (`?`) and says so.
 *
 * The key words MUST, MUST NOT, SHOULD and MAY are to be read as in RFC 2119. "Throws a
 * TypeError" / "throws a RangeError" means an instance of `ShimkitTypeError` / `ShimkitRangeError`
 * from `@shimkit/os-shim/errors`, thrown synchronously, with a stable `code`.
 *
 * This module holds types only: it has no runtime code and importing it has no effect.
 */

/** Names of the backends that exist (one per preset in `./presets.ts`). Used in status output and in error messages. */
export type BackendName = import('./presets.js').TargetName;

/** Undoes a registration. Calling it more than once MUST be harmless. */
export type Unregister = () => void;

/**
 * Clocks and sleeping.
 *
 * All values are nanoseconds as `bigint`.
 */
export interface Time {
  /**
   * Nanoseconds since an arbitrary, fixed origin (boot, process start, ...).
   * MUST NOT ever decrease between two calls in the same process (or guest). MUST advance at the
   * rate of real time (one second per second, within the platform clock's accuracy). Not related
   * to the wall clock; MUST NOT jump when the wall clock is set.
   */
  monotonicNs(): bigint;
  /**
   * Nanoseconds since the Unix epoch (1970-01-01T00:00:00Z, leap seconds not counted), as the
   * platform's wall clock tells it. MAY go backwards when the clock is set. Where the platform
   * has no wall clock the backend MUST return its best estimate and document it.
   */
  wallNs(): bigint;
  /**
   * Resolves no earlier than `ns` nanoseconds of monotonic time after the call. `ns` MUST be a
   * non-negative integer (`bigint`, or a `number` that is a safe integer): a value of any other
   * type throws a TypeError (`ERR_INVALID_ARG_TYPE`), a negative or non-integer number throws a
   * RangeError (`ERR_OUT_OF_RANGE`), synchronously. `0` yields to the main loop once.
   */
  sleepNs(ns: bigint | number): Promise<void>;
}

/**
 * A per-iteration sampler of the CPU cycle counter kept outside JavaScript (e.g. in a native
 * ring buffer), so that entropy can be collected every loop iteration without calling into
 * JavaScript every iteration. OPTIONAL: present only where the backend can sample natively
 * (os-unix with its addon). Consumers MUST fall back to `Main.atEnterIter` when it is absent.
 */
export interface CycleTrace {
  /**
   * Starts sampling: from now on, each main-loop iteration appends the low 32 bits of the cycle
   * counter to the trace. Reference-counted: sampling stops when every returned function has been
   * called. MUST NOT keep the process alive.
   */
  start(): Unregister;
  /**
   * Moves up to `dest.length` of the oldest samples into `dest` (in order), removing them from
   * the trace, and returns how many were written. When the trace is full the oldest samples are
   * overwritten. `dest` MUST be a `Uint32Array` (TypeError otherwise, `ERR_DETACHED_BUFFER` if
   * detached).
   */
  drain(dest: Uint32Array): number;
  /** How many samples the trace holds before it overwrites the oldest. */
  readonly capacity: number;
}

/**
 * The backend's main loop, seen from JavaScript.
 *
 * One "iteration" is one turn of the platform's event loop (a libuv loop iteration, one return
 * from the Xen event-channel poll, one return from `solo5_yield`).
 */
export interface Main {
  /**
   * Registers `hook` to run once at the start of every main-loop iteration, before the loop
   * blocks. MUST be called exactly once per iteration while registered, MUST NOT be called after
   * the returned function was called, and MUST NOT keep the process alive on its own. A hook that
   * throws is reported through the platform's uncaught-error path and does not unregister other
   * hooks. `hook` not a function → TypeError.
   */
  atEnterIter(hook: () => void): Unregister;
  /**
   * As `atEnterIter`, but at the end of every iteration, after the loop has woken up.
   * Backends that cannot tell the two apart MAY run exit hooks right after enter hooks in the
   * same phase and MUST document it.
   */
  atExitIter(hook: () => void): Unregister;
  /** OPTIONAL native per-iteration cycle-counter sampler; see `CycleTrace`. */
  readonly cycleTrace?: CycleTrace;
}

/** Why a CPU random-number instruction gave no value. */
export type CpuRngFailure =
  /** The carry flag stayed clear for every try up to the retry limit (no value ready). */
  | 'no-carry'
  /** The instruction returned all-ones, the known failure value of some AMD parts. */
  | 'all-ones';

/** The result of one RDRAND / RDSEED draw: a value, or a failure that is never a value. */
export type CpuRngResult =
  | { readonly ok: true; readonly value: bigint }
  | { readonly ok: false; readonly reason: CpuRngFailure };

/** The processor. */
export interface Cpu {
  /**
   * The low 32 bits of a fast, free-running cycle counter (TSC on x86-64, CNTVCT_EL0 on aarch64,
   * or a nanosecond clock where neither can be read), as an integer in [0, 2^32).
   * Two consecutive calls MUST return different values. Not a clock: rate unspecified, wraps.
   */
  cycles(): number;
  /**
   * OPTIONAL: one 64-bit RDRAND draw. Present only when the CPU advertises RDRAND (CPUID) and it
   * passed the backend's start-up self-test. `value` is in [0, 2^64). The backend retries a
   * clear carry flag up to a limit (10 on os-unix) and MUST report the all-ones value as a
   * failure, never as a value.
   */
  rdrand?(): CpuRngResult;
  /** OPTIONAL: one 64-bit RDSEED draw (conditioned entropy source); same rules as `rdrand`. */
  rdseed?(): CpuRngResult;
  /**
   * OPTIONAL accelerator: AES-256 in counter mode (NIST SP 800-38A §6.5) computed outside
   * JavaScript (os-unix: OpenSSL through `node:crypto`). Present only where the backend has a
   * native AES; consumers MUST fall back to a JavaScript AES when it is absent, and MUST get
   * the same bytes either way.
   *
   * Writes into every byte of `dest` the keystream that starts at the counter block `counter`
   * (16 bytes, a big-endian 128-bit integer incremented once per 16-byte block and wrapping
   * modulo 2^128); a final partial block is the leading bytes of that block. The previous
   * contents of `dest` are ignored (overwritten, not XORed). `key` and `counter` MUST NOT be
   * modified, nothing outside `dest` is written, and any length of `dest` (including 0) is
   * allowed. Synchronous; the same arguments MUST always give the same bytes.
   *
   * `key`, `counter` and `dest` MUST be `Uint8Array`s (TypeError `ERR_INVALID_ARG_TYPE`
   * otherwise; `ERR_DETACHED_BUFFER` if a buffer is detached); `key` MUST be 32 bytes and
   * `counter` 16 bytes (RangeError `ERR_OUT_OF_RANGE` otherwise). Argument errors are thrown
   * before `dest` is written.
   */
  aes256Ctr?(key: Uint8Array, counter: Uint8Array, dest: Uint8Array): void;
  /**
   * OPTIONAL accelerator: the ChaCha20 keystream (RFC 8439 §2.3–2.4) computed outside JavaScript
   * (os-unix: OpenSSL). Present only where the backend has a native ChaCha20; consumers MUST fall
   * back to a JavaScript ChaCha20 when it is absent, and MUST get the same bytes either way.
   *
   * Writes into every byte of `dest` the keystream for `key` (32 bytes) and `nonce` (12 bytes)
   * that starts at block `counter` (the 32-bit block counter of RFC 8439, state word 12); a final
   * partial block is the leading bytes of that block. The previous contents of `dest` are ignored
   * (overwritten, not XORed). `key` and `nonce` MUST NOT be modified, nothing outside `dest` is
   * written, and any length of `dest` up to the end of the 32-bit counter space,
   * (2^32 − counter) × 64 bytes, is allowed (including 0). Synchronous; the same arguments MUST
   * always give the same bytes.
   *
   * `key`, `nonce` and `dest` MUST be `Uint8Array`s (TypeError `ERR_INVALID_ARG_TYPE` otherwise;
   * `ERR_DETACHED_BUFFER` if a buffer is detached); `key` MUST be 32 bytes, `nonce` 12 bytes,
   * `counter` an integer in [0, 2^32 − 1] and `dest` within the counter space (RangeError
   * `ERR_OUT_OF_RANGE` otherwise). Argument errors are thrown before `dest` is written.
   */
  chacha20?(key: Uint8Array, nonce: Uint8Array, counter: number, dest: Uint8Array): void;
}

/**
 * The operating system's cryptographically secure random number generator. OPTIONAL: present on
 * unix (getrandom / getentropy / Web Crypto) and WASI (`random_get` / `wasi:random`); absent on
 * Xen and Solo5, which have none.
 */
export interface Random {
  /**
   * Fills every byte of `dest` with output of the OS CSPRNG, synchronously, and writes nothing
   * outside it. Any length is allowed, including 0 and more than 65 536. `dest` MUST be a
   * `Uint8Array` (TypeError `ERR_INVALID_ARG_TYPE` otherwise; `ERR_DETACHED_BUFFER` if its buffer
   * is detached). If the OS fails, throws `OsRandomError` (`ERR_OS_RANDOM`); it MUST NOT return
   * with `dest` partly filled from a weaker source.
   */
  fill(dest: Uint8Array): void;
}

/** The program's environment. */
export interface Env {
  /** The program's arguments (after the program name), as the platform passed them. */
  argv(): readonly string[];
}

/** What the platform asked for when it asked the program to stop. */
export type ShutdownKind = 'poweroff' | 'reboot';

/**
 * Why a backend believes this memory image may now run in more than one place, or has resumed
 * after an unknown pause: a V8 startup snapshot being deserialized (`snapshot-restore`), a guest
 * resumed from a suspend/save image (`resume`), a virtual-machine generation change (`vm-generation`).
 */
export type CloneKind = 'snapshot-restore' | 'resume' | 'vm-generation';

/** Starting and stopping. */
export interface Lifecycle {
  /**
   * OPTIONAL: registers `hook` to be called when the platform tells the backend that this memory
   * image was cloned or resumed (see `CloneKind`). Present only where the platform can tell
   * (os-unix: `v8.startupSnapshot` when the process is building a snapshot; os-xen: the
   * `control/shutdown = suspend` path). Where it is present, the hook MUST run after the image is
   * restored and before any other JavaScript of the restored image that could observe state
   * captured in it (a library's first request), when the platform allows that ordering.
   * Registering MUST NOT keep the process alive. `hook` not a function → TypeError.
   * Consumers (the entropy runtime) reseed from fresh sources before serving the next byte.
   */
  onClone?(hook: (kind: CloneKind) => void): Unregister;
  /**
   * Registers `hook` to be called when the platform asks the program to shut down (SIGTERM or
   * SIGINT on unix, a Xen shutdown request, ...). Registering MUST NOT keep the process alive.
   * `hook` not a function → TypeError.
   */
  onShutdownRequest(hook: (kind: ShutdownKind) => void): Unregister;
  /**
   * Ends the program with `code` (an integer in [0, 255]; RangeError otherwise). Does not return.
   */
  exit(code: number): never;
}

/** The platform console. */
export interface Console {
  /**
   * Writes one line (a newline is appended) to the platform console (stderr on unix, the Xen or
   * Solo5 console). `line` MUST be a string (TypeError otherwise).
   */
  log(line: string): void;
}

/** One operating-system backend: what `@shimkit/os-shim` resolves to once a backend is linked. */
export interface Os {
  /** Which backend this is. */
  readonly name: BackendName;
  readonly time: Time;
  readonly main: Main;
  readonly cpu: Cpu;
  /** OPTIONAL: see `Random`. */
  readonly random?: Random;
  readonly env: Env;
  readonly lifecycle: Lifecycle;
  readonly console: Console;
}

/**
 * Types of the WASI 0.2 imports the WASI build of os-unix uses, as ComponentizeJS exposes them
 * to JavaScript: one ES module per WIT interface, named `wasi:<package>/<interface>@<version>`.
 *
 * Written from the WIT of WASI 0.2.12 as `@bytecodealliance/jco` ships it
 * (`lib/wit/builtin/0.2.12/wasi-{random,clocks,io,cli}/package.wit`) and checked against the
 * typings `@bytecodealliance/preview2-shim` generates from the same WIT. Only the functions this
 * backend calls are declared. The WIT-to-JS mapping is the component-model JS binding that both
 * ComponentizeJS (guest side) and jco (host side) use: `u64` → `bigint`, `u32` → `number`,
 * `list<u8>` → `Uint8Array`, records → plain objects with camelCase fields, kebab-case names →
 * camelCase, a resource → a class whose instances are handles (dropped by `[Symbol.dispose]()`),
 * `result<_, E>` → returns normally, or throws an error whose `payload` is the `E`.
 */

declare module 'wasi:random/random@0.2.12' {
  /** WIT: `get-random-bytes: func(len: u64) -> list<u8>` — `len` cryptographically secure bytes. */
  export function getRandomBytes(len: bigint): Uint8Array;
}

declare module 'wasi:io/poll@0.2.12' {
  /** WIT: `resource pollable { ready: func() -> bool; block: func(); }` */
  export class Pollable {
    private constructor();
    /** Whether the event has happened; never blocks. */
    ready(): boolean;
    /** Returns once the event has happened. */
    block(): void;
    /** Drops the handle (resource-drop). The object must not be used afterwards. */
    [Symbol.dispose](): void;
  }
}

declare module 'wasi:clocks/monotonic-clock@0.2.12' {
  import type { Pollable } from 'wasi:io/poll@0.2.12';
  /** WIT: `type instant = u64` — nanoseconds from an unspecified origin. */
  export type Instant = bigint;
  /** WIT: `type duration = u64` — nanoseconds. */
  export type Duration = bigint;
  /** WIT: `now: func() -> instant` — non-decreasing. */
  export function now(): Instant;
  /** WIT: `resolution: func() -> duration` — the duration of one clock tick. */
  export function resolution(): Duration;
  /** WIT: `subscribe-instant: func(when: instant) -> pollable` — ready once `when` has passed. */
  export function subscribeInstant(when: Instant): Pollable;
}

declare module 'wasi:clocks/wall-clock@0.2.12' {
  /** WIT: `record datetime { seconds: u64, nanoseconds: u32 }` — since the Unix epoch. */
  export interface Datetime {
    seconds: bigint;
    nanoseconds: number;
  }
  /** WIT: `now: func() -> datetime` — not monotonic. */
  export function now(): Datetime;
}

declare module 'wasi:io/streams@0.2.12' {
  /** WIT: `resource output-stream` (only the method used here). */
  export class OutputStream {
    private constructor();
    /**
     * WIT: `blocking-write-and-flush: func(contents: list<u8>) -> result<_, stream-error>` —
     * writes at most 4096 bytes and flushes; throws on a stream error.
     */
    blockingWriteAndFlush(contents: Uint8Array): void;
  }
}

declare module 'wasi:cli/stderr@0.2.12' {
  import type { OutputStream } from 'wasi:io/streams@0.2.12';
  /** WIT: `get-stderr: func() -> output-stream` */
  export function getStderr(): OutputStream;
}

declare module 'wasi:cli/environment@0.2.12' {
  /** WIT: `get-arguments: func() -> list<string>` — POSIX-style, the program name first. */
  export function getArguments(): string[];
}

declare module 'wasi:cli/exit@0.2.12' {
  /** WIT: `exit: func(status: result)` — ends the instance, success or failure. */
  export function exit(status: { tag: 'ok'; val?: undefined } | { tag: 'err'; val?: undefined }): void;
  /** WIT: `exit-with-code: func(status-code: u8)` — ends the instance with that exit code. */
  export function exitWithCode(statusCode: number): void;
}

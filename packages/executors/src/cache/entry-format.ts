/**
 * The byte format of one entry of the compiled-module cache: a fixed 100-byte header, then the body.
 *
 * | offset | size | field                                                   |
 * | -----: | ---: | ------------------------------------------------------- |
 * |      0 |    8 | magic, ASCII `SHKCACHE`                                  |
 * |      8 |    4 | format version, u32 little-endian (`CACHE_FORMAT_VERSION`) |
 * |     12 |   16 | engine id (`engineId`), raw bytes                       |
 * |     28 |   32 | key (`cacheKey`), raw bytes                              |
 * |     60 |    8 | body length in bytes, u64 little-endian                  |
 * |     68 |   32 | SHA-256 of the body (FIPS 180-4)                         |
 * |    100 |    n | body                                                    |
 *
 * Verified in full on every load, as wasmtime's cache treats any decode failure as a miss
 * (`crates/cache`): unlike wasmer's `FileSystemCache`, which deserialised whatever the file held
 * (its own doc calls loading `unsafe`), an entry that is short, foreign, stale or altered is never
 * handed back. The digest detects accidents (a torn write, a flipped bit, another tool's file); it
 * is not a signature — whoever can write the cache directory can write a valid entry.
 *
 * Platform-free: no `node:` import.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { ExecutorError } from '../errors.js';
import { CACHE_FORMAT_VERSION } from './engine-id.js';

/** `SHKCACHE` in ASCII. */
export const ENTRY_MAGIC: Uint8Array = new Uint8Array([0x53, 0x48, 0x4b, 0x43, 0x41, 0x43, 0x48, 0x45]);
/** Bytes before the body. */
export const ENTRY_HEADER_BYTES = 100;

const OFFSET = { version: 8, engine: 12, key: 28, length: 60, digest: 68 } as const;

/**
 * A SHA-256 implementation (FIPS 180-4): 32 bytes. The default is @noble/hashes (platform-free);
 * the Node store passes node:crypto's (OpenSSL), several times faster on multi-megabyte bodies.
 */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/** Why stored bytes are not a usable entry: each one is a cache miss. */
export type EntryMissReason =
  /** Shorter than the header, or than the body length the header states. */
  | 'truncated'
  /** The first 8 bytes are not `SHKCACHE`: not an entry at all. */
  | 'bad-magic'
  /** Written by another format version. */
  | 'other-version'
  /** Written under another engine id. */
  | 'other-engine'
  /** Holds another key than its file name says. */
  | 'other-key'
  /** Longer than the header states (trailing bytes). */
  | 'length'
  /** The body's SHA-256 differs from the header's: the body was altered. */
  | 'digest';

const ENGINE_HEX = /^[0-9a-f]{32}$/;
const KEY_HEX = /^[0-9a-f]{64}$/;

/**
 * The 100-byte header of an entry holding `body` (write it, then `body`, to avoid copying a large
 * body into one buffer).
 *
 * @param engine the engine id: 32 lowercase hex characters.
 * @param key the entry's key: 64 lowercase hex characters.
 * @param digest the SHA-256 to use (default @noble/hashes').
 * @throws ExecutorError `ERR_INVALID_OPTIONS` (engine) or `ERR_INVALID_CACHE_KEY` (key) when malformed.
 * @example
 * const header = encodeEntryHeader(engine, key, body); // then write header, body
 */
export function encodeEntryHeader(engine: string, key: string, body: Uint8Array, digest: Sha256 = sha256): Uint8Array {
  if (typeof engine !== 'string' || !ENGINE_HEX.test(engine)) throw new ExecutorError('ERR_INVALID_OPTIONS', 'engine must be 32 lowercase hex characters (engineId(...))');
  if (typeof key !== 'string' || !KEY_HEX.test(key)) throw new ExecutorError('ERR_INVALID_CACHE_KEY', 'a cache key must be 64 lowercase hex characters (cacheKey(...))');
  const header = new Uint8Array(ENTRY_HEADER_BYTES);
  const view = new DataView(header.buffer);
  header.set(ENTRY_MAGIC, 0);
  view.setUint32(OFFSET.version, CACHE_FORMAT_VERSION, true);
  header.set(hexToBytes(engine), OFFSET.engine);
  header.set(hexToBytes(key), OFFSET.key);
  view.setBigUint64(OFFSET.length, BigInt(body.length), true);
  header.set(digest(body), OFFSET.digest);
  return header;
}

/**
 * One whole entry (header then body) in a new buffer.
 *
 * @throws ExecutorError as `encodeEntryHeader`.
 * @example
 * const bytes = encodeEntry(engine, key, new Uint8Array([1, 2, 3])); // 103 bytes
 */
export function encodeEntry(engine: string, key: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(ENTRY_HEADER_BYTES + body.length);
  out.set(encodeEntryHeader(engine, key, body), 0);
  out.set(body, ENTRY_HEADER_BYTES);
  return out;
}

/**
 * The body of the entry in `bytes` (a view into `bytes`, not a copy) when every header field checks
 * out for `expect`, else the reason it is a miss. Never throws, whatever `bytes` holds. The checks
 * run in the order of `EntryMissReason`; the first failing one is reported.
 *
 * @param expect the engine id (32 hex) and key (64 hex) the caller looks for; lowercase.
 * @example
 * const r = decodeEntry(fileBytes, { engine, key });
 * if (typeof r === 'string') discard(r); else use(r);
 */
export function decodeEntry(bytes: Uint8Array, expect: { readonly engine: string; readonly key: string }): Uint8Array | EntryMissReason {
  if (bytes.length < ENTRY_HEADER_BYTES) return 'truncated';
  const body = bytes.subarray(ENTRY_HEADER_BYTES);
  return checkEntry(bytes.subarray(0, ENTRY_HEADER_BYTES), body, expect) ?? body;
}

/**
 * `decodeEntry` for a header and a body read into separate buffers (so the body can be handed out
 * as a whole buffer of its own): `undefined` when `header` (exactly `ENTRY_HEADER_BYTES` long, else
 * `'truncated'`) describes `body` for `expect`, else the miss reason. Never throws (unless
 * `digest` does). `digest` is the SHA-256 to use (default @noble/hashes').
 *
 * @example
 * const reason = checkEntry(header, body, { engine, key }); // undefined: body is good
 */
export function checkEntry(header: Uint8Array, body: Uint8Array, expect: { readonly engine: string; readonly key: string }, digest: Sha256 = sha256): EntryMissReason | undefined {
  if (header.length !== ENTRY_HEADER_BYTES) return 'truncated';
  for (let i = 0; i < ENTRY_MAGIC.length; i++) if (header[i] !== ENTRY_MAGIC[i]) return 'bad-magic';
  const view = new DataView(header.buffer, header.byteOffset, ENTRY_HEADER_BYTES);
  if (view.getUint32(OFFSET.version, true) !== CACHE_FORMAT_VERSION) return 'other-version';
  if (bytesToHex(header.subarray(OFFSET.engine, OFFSET.engine + 16)) !== expect.engine) return 'other-engine';
  if (bytesToHex(header.subarray(OFFSET.key, OFFSET.key + 32)) !== expect.key) return 'other-key';
  const stated = view.getBigUint64(OFFSET.length, true);
  const actual = BigInt(body.length);
  if (actual < stated) return 'truncated';
  if (actual > stated) return 'length';
  const actualDigest = digest(body);
  let diff = 0;
  for (let i = 0; i < 32; i++) diff |= actualDigest[i]! ^ header[OFFSET.digest + i]!;
  return diff === 0 ? undefined : 'digest';
}

/** The entry format: the header byte by byte, a round trip, and each miss reason from a real corruption of real bytes. */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support.js';
import { CACHE_FORMAT_VERSION } from './engine-id.js';
import { checkEntry, decodeEntry, encodeEntry, encodeEntryHeader, ENTRY_HEADER_BYTES } from './entry-format.js';

const ENGINE = '00112233445566778899aabbccddeeff';
const OTHER_ENGINE = 'ffeeddccbbaa99887766554433221100';
const KEY = createHash('sha256').update('module').digest('hex');
const OTHER_KEY = createHash('sha256').update('another module').digest('hex');
const BODY = new Uint8Array(Array.from({ length: 1000 }, (_, i) => (i * 7) & 0xff));
const expectOk = { engine: ENGINE, key: KEY };

describe('entry format', () => {
  it('lays the header out as documented', () => {
    const e = encodeEntry(ENGINE, KEY, BODY);
    expect(e.length).toBe(ENTRY_HEADER_BYTES + BODY.length);
    expect(ENTRY_HEADER_BYTES).toBe(100);
    expect(Buffer.from(e.subarray(0, 8)).toString('latin1')).toBe('SHKCACHE');
    const view = new DataView(e.buffer);
    expect(view.getUint32(8, true)).toBe(CACHE_FORMAT_VERSION);
    expect(Buffer.from(e.subarray(12, 28)).toString('hex')).toBe(ENGINE);
    expect(Buffer.from(e.subarray(28, 60)).toString('hex')).toBe(KEY);
    expect(view.getBigUint64(60, true)).toBe(1000n);
    expect(Buffer.from(e.subarray(68, 100)).toString('hex')).toBe(createHash('sha256').update(BODY).digest('hex'));
    expect(e.subarray(100)).toEqual(BODY);
    expect(encodeEntryHeader(ENGINE, KEY, BODY)).toEqual(e.subarray(0, 100));
  });

  it('checks a header and a body held in separate buffers', () => {
    const header = encodeEntryHeader(ENGINE, KEY, BODY);
    expect(checkEntry(header, BODY, expectOk)).toBeUndefined();
    expect(checkEntry(header.subarray(0, 99), BODY, expectOk)).toBe('truncated');
    expect(checkEntry(header, BODY.subarray(1), expectOk)).toBe('truncated');
    expect(checkEntry(header, BODY.map((b, i) => (i === 500 ? b ^ 1 : b)), expectOk)).toBe('digest');
  });

  it('round-trips a body, an empty body included', () => {
    expect(decodeEntry(encodeEntry(ENGINE, KEY, BODY), expectOk)).toEqual(BODY);
    expect(decodeEntry(encodeEntry(ENGINE, KEY, new Uint8Array(0)), expectOk)).toEqual(new Uint8Array(0));
  });

  it('reports each kind of bad entry as its miss reason', () => {
    const good = encodeEntry(ENGINE, KEY, BODY);
    const flip = (at: number): Uint8Array => {
      const c = good.slice();
      c[at]! ^= 0x01;
      return c;
    };
    expect(decodeEntry(good.subarray(0, 99), expectOk)).toBe('truncated');
    expect(decodeEntry(new Uint8Array(0), expectOk)).toBe('truncated');
    expect(decodeEntry(good.subarray(0, good.length - 1), expectOk)).toBe('truncated');
    expect(decodeEntry(flip(0), expectOk)).toBe('bad-magic');
    expect(decodeEntry(new Uint8Array(200), expectOk)).toBe('bad-magic');
    expect(decodeEntry(flip(8), expectOk)).toBe('other-version');
    expect(decodeEntry(flip(28), expectOk)).toBe('other-key');
    expect(decodeEntry(flip(12), expectOk)).toBe('other-engine');
    expect(decodeEntry(encodeEntry(OTHER_ENGINE, KEY, BODY), expectOk)).toBe('other-engine');
    expect(decodeEntry(encodeEntry(ENGINE, OTHER_KEY, BODY), expectOk)).toBe('other-key');
    const longer = new Uint8Array(good.length + 1);
    longer.set(good);
    expect(decodeEntry(longer, expectOk)).toBe('length');
    // The length field (1000 = 0x3e8): 0xe8 ^ 0x01 states 1001 bytes (more than there are),
    // 0xe8 ^ 0x08 states 992 (fewer).
    expect(decodeEntry(flip(60), expectOk)).toBe('truncated');
    const shorter = good.slice();
    shorter[60]! ^= 0x08;
    expect(decodeEntry(shorter, expectOk)).toBe('length');
    expect(decodeEntry(flip(68), expectOk)).toBe('digest');
    expect(decodeEntry(flip(100), expectOk)).toBe('digest');
    expect(decodeEntry(flip(good.length - 1), expectOk)).toBe('digest');
  });

  it('never throws, whatever the bytes (every single-byte flip of the header, random garbage)', () => {
    const good = encodeEntry(ENGINE, KEY, BODY);
    for (let at = 0; at < ENTRY_HEADER_BYTES; at++) {
      for (const bit of [0x01, 0x80]) {
        const c = good.slice();
        c[at]! ^= bit;
        expect(typeof decodeEntry(c, expectOk)).toBe('string');
      }
    }
    const garbage = new Uint8Array(4096);
    for (let i = 0; i < 64; i++) {
      crypto.getRandomValues(garbage);
      garbage.set(good.subarray(0, 8)); // past the magic check
      expect(typeof decodeEntry(garbage.subarray(0, 100 + i), expectOk)).toBe('string');
    }
  });

  it('rejects a malformed engine or key when encoding', () => {
    expect(codeOf(() => encodeEntry('abc', KEY, BODY))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => encodeEntry(ENGINE, KEY.toUpperCase(), BODY))).toBe('ERR_INVALID_CACHE_KEY');
    expect(codeOf(() => encodeEntry(ENGINE, KEY.slice(1), BODY))).toBe('ERR_INVALID_CACHE_KEY');
  });
});

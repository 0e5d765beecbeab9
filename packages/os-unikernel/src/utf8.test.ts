import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cmdLineEnv, parseCmdLine } from './env.js';
import { decodeUtf8, encodeUtf8 } from './utf8.js';

describe('UTF-8', () => {
  it('encodes exactly as TextEncoder, lone surrogates included', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a\ud800b', '\udc00', 'x\ud83d']) {
      expect([...encodeUtf8(s)]).toEqual([...new TextEncoder().encode(s)]);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect([...encodeUtf8(s)]).toEqual([...new TextEncoder().encode(s)]);
      }),
    );
  }, 30_000);

  it('decodes exactly as TextDecoder, malformed input included', () => {
    for (const b of [[0xc0, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82], [0xe2, 0x82, 0x41], [0xff]]) {
      expect(decodeUtf8(Uint8Array.from(b))).toBe(new TextDecoder().decode(Uint8Array.from(b)));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(decodeUtf8(b)).toBe(new TextDecoder().decode(b));
      }),
    );
  }, 30_000);

  it('splits a command line and stops at NUL', () => {
    expect(parseCmdLine(new TextEncoder().encode('a  b\0c d'))).toEqual(['a', 'b']);
  });
});

describe('cmdLineEnv', () => {
  it('reads and parses the command line on the first argv() only', () => {
    let reads = 0;
    const env = cmdLineEnv(() => {
      reads++;
      return new TextEncoder().encode('  console=hvc0\t--seed 42  ünïcode ');
    });
    expect(reads).toBe(0);
    expect(env.argv()).toEqual(['console=hvc0', '--seed', '42', 'ünïcode']);
    expect(env.argv()).toBe(env.argv());
    expect(reads).toBe(1);
  });
});

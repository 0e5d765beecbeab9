/**
 * The three large SHA-256 messages of NIST's SHA2 additional tests (#11–#13: 0.5, 1.09 and
 * 1.6 GB), streamed through @noble/hashes sha256 in 1 MiB pieces. Slow (tens of seconds).
 */
import { readFileSync } from 'node:fs';
import { sha256 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import type { ShaCase } from './primitives.test.js';

const file = JSON.parse(readFileSync(new URL('../test/vectors/sha256.json', import.meta.url), 'utf8')) as { cases: ShaCase[] };

describe('SHA-256 large messages (slow)', () => {
  const large = file.cases.filter((c) => c.large);
  it('has three', () => expect(large.length).toBe(3));
  for (const c of large) {
    it(c.name, () => {
      const piece = new Uint8Array(1 << 20).fill(parseInt(c.messageRepeat!.byte, 16));
      const h = sha256.create();
      let left = c.messageRepeat!.count;
      for (; left >= piece.length; left -= piece.length) h.update(piece);
      h.update(piece.subarray(0, left));
      expect(Buffer.from(h.digest()).toString('hex')).toBe(c.digest);
    }, 300_000);
  }
});

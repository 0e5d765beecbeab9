import { describe, expect, it } from 'vitest';
import { fillFromOs } from './os-random.js';

describe('fillFromOs', () => {
  it('asks the source chunk by chunk, covering every byte once', () => {
    const calls: [number, number][] = [];
    const dest = new Uint8Array(10);
    fillFromOs(dest, {
      name: 'test',
      chunk: 4,
      fill(c) {
        calls.push([c.byteOffset, c.length]);
        c.fill(0x11);
      },
    });
    expect(calls).toEqual([[0, 4], [4, 4], [8, 2]]);
    expect(dest.every((b) => b === 0x11)).toBe(true);
    fillFromOs(new Uint8Array(0), { name: 'test', chunk: 4, fill: () => expect.fail('called for an empty view') });
  });

  it('on a failure in any chunk the whole view is zero and ERR_OS_RANDOM carries the cause', () => {
    const cause = new Error('EIO');
    for (const failAt of [0, 1, 2]) {
      const dest = new Uint8Array(12).fill(0xaa);
      let n = 0;
      let thrown: unknown;
      try {
        fillFromOs(dest, {
          name: 'getrandom',
          chunk: 4,
          fill(c) {
            if (n++ === failAt) {
              c[0] = 0x55; // a partial write before the failure
              throw cause;
            }
            c.fill(0x77);
          },
        });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ name: 'OsRandomError', code: 'ERR_OS_RANDOM', message: 'getrandom failed: EIO', cause });
      expect([...dest]).toEqual(Array(12).fill(0));
    }
  });

  it('checks dest before the source is asked', () => {
    const detached = new Uint8Array(4);
    structuredClone(detached.buffer, { transfer: [detached.buffer] });
    const never = { name: 't', chunk: 4, fill: () => expect.fail('asked') };
    expect(() => fillFromOs('x', never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => fillFromOs(new Uint16Array(2), never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(() => fillFromOs(detached, never)).toThrow(expect.objectContaining({ code: 'ERR_DETACHED_BUFFER' }));
  });
});

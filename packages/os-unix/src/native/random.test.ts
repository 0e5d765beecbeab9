import { describe, expect, it } from 'vitest';
import { createNativeRandom } from './random.js';

// Failure injection into the addon's getrandom call: whatever the addon wrote before failing,
// the caller's view is all zero and the error is ERR_OS_RANDOM (issue 10, point 1).
describe('native Random.fill on an OS failure', () => {
  it('leaves dest all zero and throws ERR_OS_RANDOM with the errno error as cause', () => {
    const cause = Object.assign(new Error('Input/output error'), { errno: 5 });
    const random = createNativeRandom(
      {
        fillRandom(view) {
          view.subarray(0, view.length >> 1).fill(0x5a); // half written, then the OS fails
          throw cause;
        },
      },
      'getrandom',
    );
    const dest = new Uint8Array(4096).fill(0xaa);
    expect(() => random.fill(dest)).toThrow(expect.objectContaining({ name: 'OsRandomError', code: 'ERR_OS_RANDOM', message: 'getrandom failed: Input/output error', cause }));
    expect(dest.every((b) => b === 0)).toBe(true);
  });

  it('rejects a bad dest before calling the addon', () => {
    const random = createNativeRandom({ fillRandom: () => expect.fail('called') }, 'getrandom');
    expect(() => random.fill([1, 2] as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
  });
});

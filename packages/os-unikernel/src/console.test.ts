import { describe, expect, it } from 'vitest';
import { createGuestConsole, describeError, HOOK_ERROR_PREFIX } from './console.js';

describe('createGuestConsole', () => {
  it('log writes the UTF-8 line and a newline in one host call', () => {
    const writes: number[][] = [];
    const { console: guest } = createGuestConsole((bytes) => writes.push([...bytes]));
    guest.log('héllo ✓ 😀');
    expect(writes).toEqual([[...new TextEncoder().encode('héllo ✓ 😀\n')]]);
    expect(() => guest.log(5 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(writes).toHaveLength(1);
  });

  it('report describes the error on one console write', () => {
    const text: string[] = [];
    const { report } = createGuestConsole((bytes) => text.push(new TextDecoder().decode(bytes)));
    const error = new Error('hook failed');
    report(error);
    report('plain');
    expect(text).toEqual([`${HOOK_ERROR_PREFIX}${error.stack}\n`, `${HOOK_ERROR_PREFIX}plain\n`]);
    expect(text[0]).toContain('shimkit: uncaught error in a main-loop hook: Error: hook failed');
  });

  it('describeError falls back to name and message without a stack', () => {
    const error = new RangeError('bad');
    delete error.stack;
    expect(describeError(error)).toBe('RangeError: bad');
    expect(describeError(42)).toBe('42');
  });
});

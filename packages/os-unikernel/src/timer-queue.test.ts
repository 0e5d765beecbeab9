import { describe, expect, it } from 'vitest';
import { TimerQueue } from './timer-queue.js';

describe('TimerQueue', () => {
  it('wakes due sleepers in deadline order, ties in registration order', () => {
    const q = new TimerQueue();
    const woken: string[] = [];
    q.add(30n, () => woken.push('c'));
    q.add(10n, () => woken.push('a1'));
    q.add(20n, () => woken.push('b'));
    q.add(10n, () => woken.push('a2'));
    expect(q.next()).toBe(10n);
    expect(q.fireDue(9n)).toBe(0);
    expect(q.fireDue(20n)).toBe(3);
    expect(woken).toEqual(['a1', 'a2', 'b']);
    expect(q.size).toBe(1);
    expect(q.next()).toBe(30n);
    expect(q.fireDue(100n)).toBe(1);
    expect(q.next()).toBeNull();
  });
});

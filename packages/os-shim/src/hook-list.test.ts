import { describe, expect, it } from 'vitest';
import { HookList } from './hook-list.js';

describe('HookList', () => {
  it('runs the hooks registered when the run starts, with the arguments, reporting throws', () => {
    const changes: boolean[] = [];
    const list = new HookList<[string]>((active) => changes.push(active));
    const seen: string[] = [];
    const reported: unknown[] = [];
    const failure = new Error('x');
    let offLate: (() => void) | null = null;
    const offBad = list.add(() => {
      throw failure;
    }, 'hook');
    const offFirst = list.add((k: string) => {
      seen.push(`first:${k}`);
      offLate ??= list.add((j: string) => seen.push(`late:${j}`), 'hook');
    }, 'hook');
    list.run((e) => reported.push(e), 'a');
    list.run((e) => reported.push(e), 'b');
    expect(seen).toEqual(['first:a', 'first:b', 'late:b']);
    expect(reported).toEqual([failure, failure]);
    expect(list.size).toBe(3);
    offLate!();
    offLate!();
    expect(list.size).toBe(2);
    offBad();
    offFirst();
    expect(changes).toEqual([true, false]);
    expect(() => list.add('f', 'hook')).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE', message: 'hook must be a function, got a string' }));
  });

  it('registering one function twice gives two registrations', () => {
    const list = new HookList();
    let calls = 0;
    const fn = (): void => void calls++;
    const a = list.add(fn, 'hook');
    list.add(fn, 'hook');
    list.run(() => {});
    a();
    list.run(() => {});
    expect(calls).toBe(3);
  });
});

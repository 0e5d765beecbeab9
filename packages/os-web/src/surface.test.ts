import { afterEach, describe, expect, it, vi } from 'vitest';
import { env } from './env.js';
import { lifecycle, WebExitError } from './lifecycle.js';

describe('Env, Lifecycle, Console on the Web platform', () => {
  afterEach(() => vi.restoreAllMocks());

  it('argv is the same empty, frozen array every time', () => {
    expect(env.argv()).toEqual([]);
    expect(Object.isFrozen(env.argv())).toBe(true);
    expect(env.argv()).toBe(env.argv());
  });

  it('exit calls process.exit with the code where the runtime has it', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    // process.exit was mocked to return, as a page or isolate "returns": then WebExitError stops the task.
    let thrown: unknown;
    try {
      lifecycle.exit(3);
    } catch (error) {
      thrown = error;
    }
    expect(exit).toHaveBeenCalledWith(3);
    expect(thrown).toBeInstanceOf(WebExitError);
    expect(thrown).toMatchObject({ name: 'WebExitError', code: 'ERR_WEB_EXIT', exitCode: 3 });
  });

  it('exit checks the code before doing anything', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    expect(() => lifecycle.exit(256)).toThrow(expect.objectContaining({ code: 'ERR_OUT_OF_RANGE' }));
    expect(() => lifecycle.exit('1' as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(exit).not.toHaveBeenCalled();
  });

  it('shutdown hooks register, unregister idempotently, and are never called', () => {
    const hook = vi.fn();
    const off = lifecycle.onShutdownRequest(hook);
    off();
    off();
    expect(hook).not.toHaveBeenCalled();
    expect(lifecycle.onClone).toBeUndefined();
  });

  it('console.log writes one line through the console.error captured at load, and rejects a non-string', async () => {
    const lines: unknown[][] = [];
    const realConsole = globalThis.console;
    vi.resetModules();
    Object.defineProperty(globalThis, 'console', { value: { error: (...data: unknown[]) => lines.push(data) }, configurable: true, writable: true });
    let fresh: typeof import('./console.js');
    try {
      fresh = await import('./console.js');
    } finally {
      Object.defineProperty(globalThis, 'console', { value: realConsole, configurable: true, writable: true });
    }
    fresh.console.log('one line');
    expect(lines).toEqual([['one line']]);
    expect(() => fresh.console.log(5 as never)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_ARG_TYPE' }));
    expect(lines).toHaveLength(1);
  });
});

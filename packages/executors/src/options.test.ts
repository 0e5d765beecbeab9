import { describe, expect, it } from 'vitest';
import { ModuleCache } from './cache/module-cache.js';
import { DiskCache } from './cache/disk-cache.js';
import { builtinExecutor, createRegistry, defineFunction, ExecutorRegistry, jsExecutor, wasmExecutor } from './index.js';
import { wasmPool } from './pool/wasm-pool.js';
import { pythonExecutor } from './python/executor.js';
import { workerRunner } from './wasm/worker-runner.js';

const refused = (fn: () => unknown, message: string) => expect(fn).toThrow(expect.objectContaining({ name: 'ExecutorError', code: 'ERR_INVALID_OPTIONS', message }));

describe('every options object of the package refuses unknown keys (ERR_INVALID_OPTIONS), never ignores them', () => {
  it.each([
    ['wasmPool', () => wasmPool({ thread: 2 } as never), 'wasmPool options has unknown key(s) "thread"; allowed: threads, maxQueue, sources'],
    ['workerRunner', () => workerRunner({ idle: 1 } as never), 'workerRunner options has unknown key(s) "idle"; allowed: sources, idleWorkers, threads'],
    ['ModuleCache', () => new ModuleCache({ entries: 4 } as never), 'ModuleCache options has unknown key(s) "entries"; allowed: engineId, maxEntries, maxBytes'],
    ['DiskCache', () => new DiskCache({ engine: '0'.repeat(32), max: 1 } as never), 'DiskCache options has unknown key(s) "max"; allowed: dir, engine, maxBytes, fs'],
    ['wasmExecutor', () => wasmExecutor({ cache: 1 } as never), 'wasmExecutor options has unknown key(s) "cache"; allowed: runner, moduleCache, cacheSize'],
    ['jsExecutor', () => jsExecutor({ memory: 1, stack: 2 } as never), 'jsExecutor options has unknown key(s) "memory", "stack"; allowed: engine, moduleCache, cacheSize, maxStackBytes, runner'],
    ['pythonExecutor', () => pythonExecutor({ readyCount: 2 } as never), 'pythonExecutor options has unknown key(s) "readyCount"; allowed: sources, ready, graceMs, snapshot, cache'],
    ['builtinExecutor', () => builtinExecutor({ extra: [] } as never), 'builtinExecutor options has unknown key(s) "extra"; allowed: functions'],
    ['createRegistry', () => createRegistry({ executor: [] } as never), 'registry options has unknown key(s) "executor"; allowed: executors, clock, random'],
    ['ExecutorRegistry', () => new ExecutorRegistry('fast' as never), 'registry options must be an object, got string'],
  ])('%s', (_name, fn, message) => refused(fn, message));

  it('registry.run: a misspelt deadline is refused before anything runs (it would have run with none)', async () => {
    const registry = createRegistry({ executors: [builtinExecutor()] });
    const echo = defineFunction({ name: 'builtin-echo', executorType: 'builtin', arguments: [{ key: 'message' }] });
    await expect(registry.run({ function: echo, arguments: { message: 'hi' } }, { deadline: 100 } as never)).rejects.toMatchObject({
      code: 'ERR_INVALID_OPTIONS',
      message: 'run options has unknown key(s) "deadline"; allowed: deadlineMs, signal, memoryBytes, maxOutputBytes, maxInputBytes, streamBytes, stdin, env, clock, random',
    });
    const ok = await registry.run({ function: echo, arguments: { message: 'hi' } }, { deadlineMs: 1000 });
    expect(ok.ok && ok.value).toBe('hi');
  });
});

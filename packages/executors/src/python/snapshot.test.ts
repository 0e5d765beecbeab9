import { afterAll, describe, expect, it } from 'vitest';
import { bytes, ok } from '../../test/support.js';
import { defineFunction } from '../function.js';
import { createRegistry } from '../registry.js';
import type { CallResult } from '../result.js';
import { pythonExecutor, type PythonExecutor, type SnapshotStore } from './executor.js';
import { codeCacheKey, snapshotKey } from './snapshots.js';

// Interpreter snapshots within a process and through a store. The store here is a Map behind the
// SnapshotStore interface (the boundary the executor owns); the on-disk store's own faults
// (truncation, flipped bytes, engine ids) are tested with real processes in snapshot-disk.test.ts.
const MiB = 2 ** 20;
const DETERMINISTIC = new URL('../../test/deterministic-sources.mjs', import.meta.url);

function mapStore(entries: Map<string, Uint8Array> = new Map()): SnapshotStore & { entries: Map<string, Uint8Array> } {
  return {
    entries,
    get: async (key) => entries.get(key)?.slice(),
    put: async (key, body) => (entries.set(key, body.slice()), true),
  };
}

const executors: PythonExecutor[] = [];
function executor(options: Parameters<typeof pythonExecutor>[0]): { python: PythonExecutor; run: (source: string, memoryBytes?: number) => Promise<CallResult> } {
  const python = pythonExecutor({ ready: 1, ...options });
  executors.push(python);
  const registry = createRegistry({ executors: [python] });
  return { python, run: (source, memoryBytes = 256 * MiB) => registry.run({ function: defineFunction({ name: 'payload', executorType: 'python', payload: bytes(source) }) }, { deadlineMs: 120_000, memoryBytes }) };
}
afterAll(async () => {
  await Promise.all(executors.map((e) => e.close()));
});


const DRAWS = `import os, random, secrets, uuid
def entrypoint(argv):
    return repr([os.urandom(16).hex(), random.random(), secrets.token_hex(8), str(uuid.uuid4())])
`;
const HASH = 'def entrypoint(argv):\n    return str(hash("shimkit snapshot"))\n';

describe('python executor: interpreter snapshots in a process and through a store', () => {
  const store = mapStore();
  const { python, run } = executor({ cache: store });

  it('the first interpreter loads cold and makes the snapshot and the code cache; the store receives both; later interpreters restore it', async () => {
    expect(python.status()).toMatchObject({ snapshot: 'not yet', codeCache: 'not yet', interpreters: { restored: 0, cold: 0, failedRestores: 0 } });
    expect(ok(await run('def entrypoint(argv):\n    return "first"\n')).value).toBe('first');
    expect(ok(await run('def entrypoint(argv):\n    return "second"\n')).value).toBe('second');
    await python.close();
    const status = python.status();
    expect(status).toMatchObject({ snapshot: 'made this process', codeCache: 'made this process', interpreters: { cold: 1, failedRestores: 0 }, stored: { ok: 2, failed: 0 } });
    expect(status.interpreters.restored).toBeGreaterThanOrEqual(1);
    expect([...store.entries.keys()].sort()).toEqual([snapshotKey(undefined), codeCacheKey()].sort());
    const snapshot = store.entries.get(snapshotKey(undefined))!;
    expect(status.snapshotBytes).toBe(snapshot.byteLength);
    // Pyodide's snapshot header: magic 0x706f7400 ("\0top" little-endian) then the JSON offset.
    expect(new Uint32Array(snapshot.buffer, 0, 1)[0]).toBe(1886286592);
  });

  it('a new executor with the same store starts its first interpreter from it (snapshot and code cache loaded, no cold load)', async () => {
    const next = executor({ cache: mapStore(new Map(store.entries)) });
    expect(ok(await next.run('import sys\ndef entrypoint(argv):\n    return str(len(sys.modules) > 0)\n')).value).toBe('True');
    expect(next.python.status()).toMatchObject({ snapshot: 'loaded from disk', codeCache: 'loaded from disk', interpreters: { restored: 1, cold: 0, failedRestores: 0 } });
  });

  it('two interpreters restored from one snapshot draw different os.urandom, random, secrets and uuid4 values (real entropy)', async () => {
    const restored = executor({ cache: mapStore(new Map(store.entries)) });
    const a = ok(await restored.run(DRAWS)).value;
    const b = ok(await restored.run(DRAWS)).value;
    expect(restored.python.status().interpreters).toMatchObject({ restored: 2, cold: 0 });
    const [ua, ra, sa, ia] = a.slice(1, -1).split(', ');
    const [ub, rb, sb, ib] = b.slice(1, -1).split(', ');
    expect(ua).toMatch(/^'[0-9a-f]{32}'$/u);
    expect([ua === ub, ra === rb, sa === sb, ia === ib]).toEqual([false, false, false, false]);
  });

  it('restored interpreters share the snapshot string-hash secret (PYTHONHASHSEED is per snapshot, see README); a cold interpreter has its own', async () => {
    const restored = executor({ cache: mapStore(new Map(store.entries)) });
    const a = ok(await restored.run(HASH)).value;
    const b = ok(await restored.run(HASH)).value;
    expect(restored.python.status().interpreters).toMatchObject({ restored: 2, cold: 0 });
    expect(a).toMatch(/^-?\d+$/u);
    expect(b).toBe(a);
    const cold = executor({ snapshot: false });
    const c = ok(await cold.run(HASH)).value;
    expect(cold.python.status()).toMatchObject({ snapshot: 'off', codeCache: 'off', interpreters: { restored: 0, cold: 1 } });
    expect(c).not.toBe(a);
  });
});

describe('python executor: snapshots with a seeded source', () => {
  it('cold and restored interpreters draw identical values from an injected seeded generator (and its snapshot has its own key)', async () => {
    const store = mapStore();
    const { python, run } = executor({ sources: DETERMINISTIC, cache: store });
    const a = ok(await run(DRAWS)).value;
    const b = ok(await run(DRAWS)).value;
    const c = ok(await run(DRAWS)).value;
    expect(python.status().interpreters).toMatchObject({ cold: 1, restored: 2 });
    expect([b, c]).toEqual([a, a]);
    await python.close();
    expect(store.entries.has(snapshotKey(String(DETERMINISTIC)))).toBe(true);
    expect(snapshotKey(String(DETERMINISTIC))).not.toBe(snapshotKey(undefined));
  });
});

describe('python executor: snapshot faults', () => {
  it('a snapshot of another Pyodide build (its header build id differs) is refused by the restore: the call loads cold and works, the snapshot is dropped for the process', async () => {
    const good = mapStore();
    const maker = executor({ cache: good });
    ok(await maker.run('def entrypoint(argv):\n    return "x"\n'));
    await maker.python.close();
    const foreign = good.entries.get(snapshotKey(undefined))!.slice();
    foreign[16] = foreign[16]! ^ 0xff; // the build id (bytes 16..47 of the header)
    const { python, run } = executor({ cache: mapStore(new Map([[snapshotKey(undefined), foreign]])) });
    expect(ok(await run('def entrypoint(argv):\n    return "loaded cold"\n')).value).toBe('loaded cold');
    const status = python.status();
    expect(status).toMatchObject({ snapshot: 'dropped', snapshotBytes: 0, interpreters: { failedRestores: 1, cold: 1, restored: 0 } });
    expect(status.notes.join('\n')).toMatch(/a restore from the snapshot failed \(.*build id mismatch/iu);
    expect(ok(await run('def entrypoint(argv):\n    return "again"\n')).value).toBe('again');
    expect(python.status().interpreters).toMatchObject({ failedRestores: 1, cold: 2, restored: 0 });
  });

  it('a code cache V8 rejects (bytes of something else) costs a parse, not the call, and is rebuilt in the store', async () => {
    const bogus = new Uint8Array(4096).fill(7);
    const store = mapStore(new Map([[codeCacheKey(), bogus]]));
    const { python, run } = executor({ cache: store });
    expect(ok(await run('def entrypoint(argv):\n    return "parsed"\n')).value).toBe('parsed');
    await python.close();
    const status = python.status();
    expect(status.codeCache).toBe('made this process');
    expect(status.notes).toContain('V8 rejected the stored code cache of pyodide.asm.js; it was rebuilt');
    expect(store.entries.get(codeCacheKey())!.byteLength).toBeGreaterThan(100_000);
  });

  it('a memory cap below what the restored heap needs is kind memory (ERR_MEMORY_CAP), and the snapshot stays in use', async () => {
    const store = mapStore();
    const maker = executor({ cache: store });
    ok(await maker.run('def entrypoint(argv):\n    return "x"\n'));
    await maker.python.close();
    const { python, run } = executor({ cache: mapStore(new Map(store.entries)) });
    const r = await run('def entrypoint(argv):\n    return "never"\n', 16 * MiB);
    if (r.ok) throw new Error('expected a memory fault');
    expect(r.kind).toBe('memory');
    expect(r.code).toBe('ERR_MEMORY_CAP');
    expect(r.message).toMatch(/does not fit in the memory cap: .*ERR_MEMORY_CAP/u);
    expect(python.status()).toMatchObject({ snapshot: 'loaded from disk', interpreters: { failedRestores: 0 } });
    expect(ok(await run('def entrypoint(argv):\n    return "fits"\n')).value).toBe('fits');
    expect(python.status().interpreters).toMatchObject({ restored: 1, failedRestores: 0 });
  });
});

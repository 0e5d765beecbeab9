import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/index.js', import.meta.url).href;
const pool = new URL('../../dist/pool/wasm-pool.js', import.meta.url).href;
const trivial = fileURLToPath(new URL('../../test/build/trivial.wasm', import.meta.url));

describe('a process using the default pool', () => {
  it('exits on its own after wasm and js calls on the pool, without close()', async () => {
    // The pool's workers are unref'd while idle: nothing keeps the event loop alive once the calls are done.
    const script = `
      import { readFileSync } from 'node:fs';
      import { createRegistry, defineFunction } from ${JSON.stringify(dist)};
      const registry = createRegistry();
      const wasm = defineFunction({ name: 'answer', executorType: 'wasm', payload: new Uint8Array(readFileSync(${JSON.stringify(trivial)})) });
      const js = defineFunction({ name: 'hi', executorType: 'js', payload: new TextEncoder().encode('export const entrypoint = () => "hi"') });
      const a = await registry.run({ function: wasm });
      const b = await registry.run({ function: js });
      const s = registry.status();
      console.log(JSON.stringify([a.ok && a.value, b.ok && b.value, s.wasm.runner.kind, s.wasm.runner.workers > 0, s.wasm.runner.postedModules]));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 120_000 });
    expect(JSON.parse(stdout)).toEqual(['42', 'hi', 'worker pool', true, 2]);
  }, 150_000);

  it('survives pools closed while their other workers are still loading (the shape of a one-shot CLI run), 25 rounds', async () => {
    // Each round: a 2-thread pool answers one call, then is closed at once, so the second worker is
    // terminated while it loads its task. Piscina loads the worker's file with require(): were it
    // the ESM task, Node 20's synchronous require(esm) could be cut mid-instantiation and abort the
    // process (FATAL ERROR: v8::Module::IsGraphAsync); the CommonJS loader takes the async path.
    const script = `
      import { readFileSync } from 'node:fs';
      import { defineFunction, createRegistry, wasmExecutor } from ${JSON.stringify(dist)};
      import { wasmPool } from ${JSON.stringify(pool)};
      const fn = defineFunction({ name: 'answer', executorType: 'wasm', payload: new Uint8Array(readFileSync(${JSON.stringify(trivial)})) });
      const values = [];
      for (let round = 0; round < 25; round++) {
        const runner = wasmPool({ threads: 2 });
        const registry = createRegistry({ executors: [wasmExecutor({ runner })] });
        const r = await registry.run({ function: fn });
        values.push(r.ok && r.value);
        await new Promise((resolve) => setTimeout(resolve, round * 4));
        await runner.close();
      }
      console.log(JSON.stringify(values));
    `;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { timeout: 240_000 });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual(Array(25).fill('42'));
  }, 300_000);
});

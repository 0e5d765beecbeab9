import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/index.js', import.meta.url).href;
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
});

import { describe, expect, it } from 'vitest';
import { bytes } from '../test/support.js';
import { createRegistry, defineFunction } from './index.js';

describe('the default registry', () => {
  const registry = createRegistry();
  it('has builtin, wasm, js and python registered', () => {
    expect(registry.names().sort()).toEqual(['builtin', 'javascript', 'js', 'mesapy', 'python', 'quickjs', 'wamr', 'wasm']);
  });
  it('runs a js function and a Teaclave python function with a deadline and a memory cap', async () => {
    const js = defineFunction({ name: 'greet', executorType: 'js', payload: bytes('export const entrypoint = (args) => `hello ${args.name}`;'), arguments: [{ key: 'name' }] });
    const py = defineFunction({ name: 'echo', executorType: 'python', payload: bytes('def entrypoint(argv):\n    return argv[1][::-1]\n'), arguments: [{ key: 'message' }] });
    const limits = { deadlineMs: 60_000, memoryBytes: 128 * 2 ** 20 };
    const a = await registry.run({ function: js, arguments: { name: 'ada' } }, limits);
    const b = await registry.run({ function: py, arguments: { message: 'teaclave' } }, limits);
    expect(a.ok && a.value).toBe('hello ada');
    expect(b.ok && b.value).toBe('evalcaet');
  }, 120_000);
});

// A new process for the python executor's snapshot tests: creates the executor with a DiskCache in
// <dir> (engine id: the executor's own, or <engine> when given), runs one call, closes (waiting
// for the snapshot writes) and prints {value, status} as one JSON line.
// Usage: node test/python-child.mjs <dir> [engine]
import { DiskCache } from '../dist/cache/disk-cache.js';
import { createRegistry, defineFunction } from '../dist/index.js';
import { pythonCacheEngine, pythonExecutor } from '../dist/python/executor.js';

const [dir, engine] = process.argv.slice(2);
const cache = new DiskCache({ dir, engine: engine ?? pythonCacheEngine() });
const python = pythonExecutor({ cache });
const registry = createRegistry({ executors: [python] });
const payload = new TextEncoder().encode('import os\ndef entrypoint(argv):\n    return "ok " + os.urandom(8).hex()\n');
const r = await registry.run({ function: defineFunction({ name: 'child', executorType: 'python', payload }) }, { deadlineMs: 300_000, memoryBytes: 256 * 2 ** 20 });
await python.close();
process.stdout.write(`${JSON.stringify({ value: r.ok ? r.value : `${r.kind}: ${r.message}`, status: python.status() })}\n`);

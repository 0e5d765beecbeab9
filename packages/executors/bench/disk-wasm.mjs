/**
 * Would an on-disk entry of a wasm payload's prepared bytes pay? (issue 13: "measure what each
 * saves; keep only what pays"). Node cannot persist compiled machine code, so a new process must
 * compile anyway; what a disk entry could save is the executor's analysis before compiling —
 * `capModuleMemory` (parse, refuse what is unsupported, rewrite the memory maximum). Side by side,
 * in one run, for the QuickJS engine (0.6 MiB) and Pyodide's wasm (8.3 MiB), medians of 7:
 * - `capModuleMemory` (the work an entry would save),
 * - the key (SHA-256 of the bytes, node:crypto) + `DiskCache.get` of the stored capped bytes (read,
 *   verify header and SHA-256 of the body): what a hit would cost instead,
 * - cap + `WebAssembly.compile` (the cold path, for scale).
 * Run: node bench/disk-wasm.mjs   (after `npm run build -w @shimkit/executors`)
 */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { capModuleMemory } from '../dist/index.js';
import { cacheKey, DiskCache, engineId, nodeEngineParts } from '../dist/cache/disk-cache.js';

const require = createRequire(import.meta.url);
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
const MiB = 2 ** 20;
console.log(`wasm prepared bytes on disk: does a hit beat the analysis? (Node ${process.version}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
for (const [name, spec] of [['QuickJS engine', 'quickjs-wasi/quickjs.wasm'], ['Pyodide', 'pyodide/pyodide.asm.wasm']]) {
  const bytes = new Uint8Array(readFileSync(require.resolve(spec)));
  const dir = mkdtempSync(join(tmpdir(), 'shimkit-disk-wasm-'));
  const cache = new DiskCache({ dir, engine: engineId({ ...nodeEngineParts(), bench: 'disk-wasm' }) });
  const key = cacheKey(bytes, 'cap=256MiB');
  await cache.put(key, capModuleMemory(bytes, 256 * MiB).bytes);
  const analysis = [], hit = [], cold = [];
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    capModuleMemory(bytes, (200 + i) * MiB);
    analysis.push(performance.now() - t);
    t = performance.now();
    const body = await cache.get(cacheKey(bytes, 'cap=256MiB'));
    hit.push(performance.now() - t);
    if (body === undefined) throw new Error('the stored entry was a miss');
    t = performance.now();
    await WebAssembly.compile(capModuleMemory(bytes, (300 + i) * MiB).bytes);
    cold.push(performance.now() - t);
  }
  rmSync(dir, { recursive: true, force: true });
  const [a, h] = [median(analysis), median(hit)];
  console.log(`  ${name.padEnd(15)} ${(bytes.length / MiB).toFixed(2)} MiB: analysis ${a.toFixed(1)} ms; disk hit (key + get + verify) ${h.toFixed(1)} ms → ${h < a ? `saves ${(a - h).toFixed(1)} ms` : `costs ${(h - a).toFixed(1)} ms more: not worth storing`}; cold cap + compile ${median(cold).toFixed(1)} ms`);
}

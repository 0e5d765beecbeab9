// A separate Node process using the BUILT `@shimkit/executors/cache` (dist/cache/disk-cache.js),
// for the disk-cache tests that need real processes: concurrent writers and a reader, and a
// process of another user (the read-only directory test, when the tests run as root).
//
//   node disk-cache-process.mjs write <dir> <engine> <key> <writer> <rounds> <bodyBytes>
//   node disk-cache-process.mjs read <dir> <engine> <key> <writers> <bodyBytes> <stopFile>
//   node disk-cache-process.mjs readonly <dir> <engine> <key>
// Prints one JSON line with what it saw.
import { existsSync } from 'node:fs';
import { DiskCache } from '../dist/cache/disk-cache.js';
import { writerBody } from './disk-cache-bodies.mjs';

const equal = (a, b) => a.length === b.length && Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.length), Buffer.from(b.buffer, b.byteOffset, b.length)) === 0;

const [mode, dir, engine, key, ...rest] = process.argv.slice(2);
const cache = new DiskCache({ dir, engine });

if (mode === 'write') {
  const [writer, rounds, bodyBytes] = rest.map(Number);
  const body = writerBody(writer, bodyBytes);
  let stored = 0;
  for (let r = 0; r < rounds; r++) if (await cache.put(key, body)) stored++;
  console.log(JSON.stringify({ stored, stats: cache.stats() }));
} else if (mode === 'read') {
  const [writers, bodyBytes] = rest.slice(0, 2).map(Number);
  const stopFile = rest[2];
  const bodies = Array.from({ length: writers }, (_, w) => writerBody(w, bodyBytes));
  const seen = Array.from({ length: writers }, () => 0);
  let misses = 0;
  let garbage = 0;
  let reads = 0;
  for (;;) {
    const stop = existsSync(stopFile); // one last read after the writers are done
    const got = await cache.get(key);
    reads++;
    if (got === undefined) misses++;
    else {
      const w = got[0];
      if (w < writers && equal(got, bodies[w])) seen[w]++;
      else garbage++;
    }
    if (stop) break;
  }
  console.log(JSON.stringify({ reads, misses, garbage, seen, stats: cache.stats() }));
} else if (mode === 'readonly') {
  const got = await cache.get(key);
  const stored = await cache.put(key, new Uint8Array([9, 9, 9]));
  const again = await cache.get(key);
  console.log(JSON.stringify({ got: got && Array.from(got), stored, again: again && Array.from(again), stats: cache.stats(), status: cache.statusLine() }));
} else {
  console.error(`unknown mode ${mode}`);
  process.exit(2);
}

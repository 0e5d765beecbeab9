/**
 * The generator benchmark of @shimkit/entropy as a module: the subjects (our generators and the
 * default instance, node:crypto, @noble/ciphers' PRGs), how each is timed, and the two runs that
 * produce plain result records. `run.js` prints them as Markdown; `shimkit bench` (packages/cli)
 * prints them as a table, JSON and a chart. Types: `measure.d.ts`.
 *
 * Two ways of timing:
 * - generators × request sizes: best of `trials` trials of about `trialNs` each, after a warm-up;
 * - default instance vs node:crypto: `rounds` interleaved rounds of about `roundNs` (ours, then
 *   Node's, alternately) and the median of each side, so a load spike hits both sides alike.
 */
import { randomBytes, randomFillSync, randomInt as nodeRandomInt, randomUUID as nodeRandomUUID } from 'node:crypto';
import { rngAesCtrDrbg256 } from '@noble/ciphers/aes.js';
import { rngChacha20 } from '@noble/ciphers/chacha.js';
import * as entropy from '@shimkit/entropy';
import { os, status as unixStatus } from '@shimkit/os-unix';

const { ChaChaFront, Fortuna, HmacDrbg, jsAes256Ctr, jsChacha20 } = entropy;

/** Request sizes of the generator run, in bytes. */
export const SIZES = Object.freeze([16, 32, 256, 4096, 65_536, 1 << 20]);

/** `16 B`, `4 KiB`, `1 MiB`: the label of a request size. */
export function sizeLabel(n) {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} B`;
}

/**
 * How long each measurement runs. `quick` is the short preset (`SHIMKIT_BENCH_QUICK=1`);
 * `timeMs`, when given, replaces every per-measurement time (trial, round and warm-up).
 */
export function benchSettings({ quick = false, timeMs } = {}) {
  const s = quick
    ? { trials: 2, trialNs: 30e6, rounds: 3, roundNs: 20e6, warmupNs: 20e6, pairWarmupNs: 50e6 }
    : { trials: 3, trialNs: 250e6, rounds: 7, roundNs: 100e6, warmupNs: 20e6, pairWarmupNs: 50e6 };
  if (timeMs !== undefined) {
    const ns = timeMs * 1e6;
    Object.assign(s, { trialNs: ns, roundNs: ns, warmupNs: ns, pairWarmupNs: ns });
  }
  return Object.freeze({ quick, ...s });
}

const seed = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n));
/** Calls `fill(view)` on pieces of at most `max` bytes (for APIs with a per-call cap). */
const chunked = (max, fill) => (buf) => {
  for (let off = 0; off < buf.length; off += max) fill(buf.subarray(off, Math.min(buf.length, off + max)));
};

/** Fortuna over the backend's AES accelerator unless `options.aes` says otherwise (as the default runtime builds it). */
function fortuna(options = {}) {
  const g = new Fortuna({ aes: (k, c, d) => os.cpu.aes256Ctr(k, c, d), ...options });
  g.reseed(seed(64));
  return g;
}

const filling = (g) => (n) => {
  const buf = new Uint8Array(n);
  return () => g.fill(buf);
};

/**
 * The generators and peers, each `{ name, source, capped?, baseline?, make }`: `make()` builds
 * the generator and returns, for a size n, a function doing one request of n bytes. `capped`:
 * the API takes at most 65 536 bytes per call, so the 1 MiB request is 16 calls. `baseline`
 * (crypto.getRandomValues) is what the ratios compare with.
 */
export function generatorSubjects() {
  const front = () => new ChaChaFront(fortuna(), { chacha: (k, nn, c, d) => os.cpu.chacha20(k, nn, c, d) });
  return [
    // fill(buf) into a reused buffer, as the node:crypto and noble rows below do; the generate(n)
    // row shows the cost of a fresh allocation per request (like crypto.randomBytes).
    { name: 'shimkit ChaChaFront(Fortuna) — default front, fill', source: 'shimkit', make: () => filling(front()) },
    { name: 'shimkit ChaChaFront(Fortuna) — default front, generate', source: 'shimkit', make: () => { const g = front(); return (n) => () => g.generate(n); } },
    { name: 'shimkit ChaChaFront(Fortuna), pure JS, fill', source: 'shimkit', make: () => filling(new ChaChaFront(fortuna({ aes: jsAes256Ctr }), { chacha: jsChacha20 })) },
    { name: 'shimkit Fortuna, accelerator, fill', source: 'shimkit', make: () => filling(fortuna()) },
    { name: 'shimkit Fortuna, pure JS, fill', source: 'shimkit', make: () => filling(fortuna({ aes: jsAes256Ctr })) },
    { name: 'shimkit HMAC_DRBG SHA-256', source: 'shimkit', capped: true, make: () => { const g = new HmacDrbg(); g.reseed(seed(48)); const fill = chunked(65_536, (v) => g.fill(v)); return (n) => () => fill(new Uint8Array(n)); } },
    { name: 'crypto.getRandomValues', source: 'node:crypto', capped: true, baseline: true, make: () => { const fill = chunked(65_536, (v) => globalThis.crypto.getRandomValues(v)); return (n) => { const buf = new Uint8Array(n); return () => fill(buf); }; } },
    { name: 'crypto.randomFillSync', source: 'node:crypto', make: () => (n) => { const buf = new Uint8Array(n); return () => randomFillSync(buf); } },
    { name: 'crypto.randomBytes', source: 'node:crypto', make: () => (n) => () => randomBytes(n) },
    { name: '@noble/ciphers rngChacha20', source: '@noble/ciphers', make: () => { const g = rngChacha20(seed(32)); return (n) => () => g.randomBytes(n); } },
    { name: '@noble/ciphers rngAesCtrDrbg256', source: '@noble/ciphers', capped: true, make: () => { const g = rngAesCtrDrbg256(seed(48)); return (n) => () => { const out = new Uint8Array(n); for (let off = 0; off < n; off += 65_536) out.set(g.randomBytes(Math.min(65_536, n - off)), off); }; } },
  ];
}

/** Best-of-trials nanoseconds per call of `op`. */
export function measure(op, settings) {
  let batch = 1;
  const t0 = process.hrtime.bigint();
  const warmup = BigInt(Math.round(settings.warmupNs));
  while (process.hrtime.bigint() - t0 < warmup) for (let i = 0; i < batch; i++) op();
  let best = Infinity;
  for (let t = 0; t < settings.trials; t++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < settings.trialNs) {
      for (let i = 0; i < batch; i++) op();
      calls += batch;
      elapsed = Number(process.hrtime.bigint() - start);
      if (elapsed < settings.trialNs / 20) batch *= 2;
    }
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/** ns per call of `op` over one round of about `roundNs`. */
function round(op, roundNs) {
  let calls = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < roundNs) {
    for (let i = 0; i < batch; i++) op();
    calls += batch;
    elapsed = Number(process.hrtime.bigint() - start);
    if (elapsed < roundNs / 20) batch *= 2;
  }
  return elapsed / calls;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** Medians of `rounds` interleaved rounds of `ours` and `node`: `[oursNs, nodeNs]`. */
export function measurePair(ours, node, settings) {
  const warmup = BigInt(Math.round(settings.pairWarmupNs));
  for (const op of [ours, node]) {
    const t0 = process.hrtime.bigint();
    while (process.hrtime.bigint() - t0 < warmup) for (let i = 0; i < 256; i++) op();
  }
  const a = [];
  const b = [];
  for (let r = 0; r < settings.rounds; r++) {
    a.push(round(ours, settings.roundNs));
    b.push(round(node, settings.roundNs));
  }
  return [median(a), median(b)];
}

/** The default instance's calls, each against its node:crypto counterpart. */
export function defaultInstancePairs() {
  entropy.initialize();
  const b32 = new Uint8Array(32);
  const n32 = new Uint8Array(32);
  const b64k = new Uint8Array(65_536);
  const n64k = new Uint8Array(65_536);
  return [
    { op: 'fill(Uint8Array(32)), reused buffer', ours: () => entropy.fill(b32), node: () => globalThis.crypto.getRandomValues(n32), peer: 'crypto.getRandomValues' },
    { op: 'fill(Uint8Array(32)), reused buffer', ours: () => entropy.fill(b32), node: () => randomFillSync(n32), peer: 'crypto.randomFillSync' },
    { op: 'randomBytes(32)', ours: () => entropy.randomBytes(32), node: () => randomBytes(32), peer: 'crypto.randomBytes' },
    { op: 'fill(64 KiB), reused buffer', ours: () => entropy.fill(b64k), node: () => randomFillSync(n64k), peer: 'crypto.randomFillSync' },
    { op: 'randomUUID()', ours: () => entropy.randomUUID(), node: () => nodeRandomUUID(), peer: 'crypto.randomUUID' },
    { op: 'randomInt(1000)', ours: () => entropy.randomInt(1000), node: () => nodeRandomInt(1000), peer: 'crypto.randomInt' },
    { op: 'randomInt(0, 2 ** 40)', ours: () => entropy.randomInt(0, 2 ** 40), node: () => nodeRandomInt(0, 2 ** 40), peer: 'crypto.randomInt' },
  ];
}

/** What the figures were measured on: Node, the os-unix path, the accelerators in use. */
export function benchEnvironment() {
  entropy.initialize();
  const st = entropy.status();
  return {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    backend: st.backend,
    osUnixPath: unixStatus().path,
    aes256Ctr: st.serving.accelerators.aes256Ctr.path,
    chacha20: st.serving.accelerators.chacha20.path,
  };
}

/**
 * The default instance against node:crypto. `onProgress(done, total, label)` is called before
 * each pair (done = pairs finished) and once at the end.
 */
export function runDefaultInstance(settings, onProgress = () => {}) {
  const pairs = defaultInstancePairs();
  const rows = [];
  for (const [i, p] of pairs.entries()) {
    onProgress(i, pairs.length, `${p.op} vs ${p.peer}`);
    const [oursNs, nodeNs] = measurePair(p.ours, p.node, settings);
    rows.push({ op: p.op, peer: p.peer, oursNs, nodeNs, ratio: nodeNs / oursNs });
  }
  onProgress(pairs.length, pairs.length, 'done');
  return rows;
}

/**
 * Every generator and peer at every size in `sizes`. Returns one record per generator:
 * `{ name, source, capped, baseline, points: [{ bytes, nsPerOp, mbPerS, ratio }] }` where
 * MB/s is 10^6 bytes per second and `ratio` is the baseline's ns/op ÷ this one's (> 1: faster
 * than crypto.getRandomValues). `onProgress` as in `runDefaultInstance`.
 */
export function runGenerators(settings, onProgress = () => {}, sizes = SIZES) {
  const subjects = generatorSubjects();
  const total = subjects.length * sizes.length;
  const measured = [];
  let done = 0;
  for (const s of subjects) {
    const forSize = s.make();
    const ns = [];
    for (const n of sizes) {
      onProgress(done, total, `${s.name} @ ${sizeLabel(n)}`);
      ns.push(measure(forSize(n), settings));
      done++;
    }
    measured.push({ s, ns });
  }
  onProgress(total, total, 'done');
  const base = measured.find((m) => m.s.baseline === true);
  return measured.map(({ s, ns }) => ({
    name: s.name,
    source: s.source,
    capped: s.capped === true,
    baseline: s.baseline === true,
    points: sizes.map((bytes, i) => ({ bytes, nsPerOp: ns[i], mbPerS: (bytes / ns[i]) * 1000, ratio: base.ns[i] / ns[i] })),
  }));
}

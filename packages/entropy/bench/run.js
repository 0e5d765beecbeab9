// Benchmark of @shimkit/entropy's generators against Node's crypto and @noble/ciphers' PRGs.
// Run from the repository root with `npm run bench` (builds first), or here with `node run.js`.
// SHIMKIT_BENCH_QUICK=1 shortens every measurement; SHIMKIT_BENCH_DEFAULT_ONLY=1 runs only the
// default instance vs node:crypto rows. Progress goes to stderr, the tables to stdout.
import { randomBytes, randomFillSync, randomInt as nodeRandomInt, randomUUID as nodeRandomUUID } from 'node:crypto';
import { rngAesCtrDrbg256 } from '@noble/ciphers/aes.js';
import { rngChacha20 } from '@noble/ciphers/chacha.js';

const entropy = await import('@shimkit/entropy');
const { ChaChaFront, Fortuna, HmacDrbg, jsAes256Ctr, jsChacha20 } = entropy;
const { os, status } = await import('@shimkit/os-unix');

const QUICK = process.env.SHIMKIT_BENCH_QUICK === '1';
const TRIAL_NS = QUICK ? 30e6 : 250e6;
const TRIALS = QUICK ? 2 : 3;
const SIZES = [16, 32, 256, 4096, 65_536, 1 << 20];
const LABEL = { 16: '16 B', 32: '32 B', 256: '256 B', 4096: '4 KiB', 65536: '64 KiB', 1048576: '1 MiB' };

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

/** Each subject returns, for a size n, a function doing one request of n bytes. */
const subjects = [
  // fill(buf) into a reused buffer, as the node:crypto and noble rows below do; the generate(n)
  // row shows the cost of a fresh allocation per request (like crypto.randomBytes).
  { name: 'shimkit ChaChaFront(Fortuna) — default front, fill', make: () => { const g = new ChaChaFront(fortuna(), { chacha: (k, nn, c, d) => os.cpu.chacha20(k, nn, c, d) }); return (n) => { const buf = new Uint8Array(n); return () => g.fill(buf); }; } },
  { name: 'shimkit ChaChaFront(Fortuna) — default front, generate', make: () => { const g = new ChaChaFront(fortuna(), { chacha: (k, nn, c, d) => os.cpu.chacha20(k, nn, c, d) }); return (n) => () => g.generate(n); } },
  { name: 'shimkit ChaChaFront(Fortuna), pure JS, fill', make: () => { const g = new ChaChaFront(fortuna({ aes: jsAes256Ctr }), { chacha: jsChacha20 }); return (n) => { const buf = new Uint8Array(n); return () => g.fill(buf); }; } },
  { name: 'shimkit Fortuna, accelerator, fill', make: () => { const g = fortuna(); return (n) => { const buf = new Uint8Array(n); return () => g.fill(buf); }; } },
  { name: 'shimkit Fortuna, pure JS, fill', make: () => { const g = fortuna({ aes: jsAes256Ctr }); return (n) => { const buf = new Uint8Array(n); return () => g.fill(buf); }; } },
  { name: 'shimkit HMAC_DRBG SHA-256 ¹', make: () => { const g = new HmacDrbg(); g.reseed(seed(48)); const fill = chunked(65_536, (v) => g.fill(v)); return (n) => () => fill(new Uint8Array(n)); } },
  { name: 'crypto.getRandomValues ¹', baseline: true, make: () => { const fill = chunked(65_536, (v) => globalThis.crypto.getRandomValues(v)); return (n) => { const buf = new Uint8Array(n); return () => fill(buf); }; } },
  { name: 'crypto.randomFillSync', make: () => (n) => { const buf = new Uint8Array(n); return () => randomFillSync(buf); } },
  { name: 'crypto.randomBytes', make: () => (n) => () => randomBytes(n) },
  { name: '@noble/ciphers rngChacha20', make: () => { const g = rngChacha20(seed(32)); return (n) => () => g.randomBytes(n); } },
  { name: '@noble/ciphers rngAesCtrDrbg256 ¹', make: () => { const g = rngAesCtrDrbg256(seed(48)); return (n) => () => { const out = new Uint8Array(n); for (let off = 0; off < n; off += 65_536) out.set(g.randomBytes(Math.min(65_536, n - off)), off); }; } },
];

/** Best-of-trials nanoseconds per call of `op`. */
function measure(op) {
  let batch = 1;
  const t0 = process.hrtime.bigint();
  while (process.hrtime.bigint() - t0 < 20_000_000n) for (let i = 0; i < batch; i++) op(); // warm-up
  let best = Infinity;
  for (let t = 0; t < TRIALS; t++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0;
    while (elapsed < TRIAL_NS) {
      for (let i = 0; i < batch; i++) op();
      calls += batch;
      elapsed = Number(process.hrtime.bigint() - start);
      if (elapsed < TRIAL_NS / 20) batch *= 2;
    }
    best = Math.min(best, elapsed / calls);
  }
  return best;
}

/**
 * The default instance — what users call — against node:crypto, in one process: each pair is
 * measured in ROUNDS interleaved rounds (ours, then Node's, alternately) and the median of each
 * side is reported, so that a load spike hits both sides alike.
 */
function defaultInstanceRows() {
  entropy.initialize();
  const b32 = new Uint8Array(32);
  const n32 = new Uint8Array(32);
  const b64k = new Uint8Array(65_536);
  const n64k = new Uint8Array(65_536);
  return [
    { op: '`fill(Uint8Array(32))`, reused buffer', ours: () => entropy.fill(b32), node: () => globalThis.crypto.getRandomValues(n32), peer: '`crypto.getRandomValues`' },
    { op: '`fill(Uint8Array(32))`, reused buffer', ours: () => entropy.fill(b32), node: () => randomFillSync(n32), peer: '`crypto.randomFillSync`' },
    { op: '`randomBytes(32)`', ours: () => entropy.randomBytes(32), node: () => randomBytes(32), peer: '`crypto.randomBytes`' },
    { op: '`fill(64 KiB)`, reused buffer', ours: () => entropy.fill(b64k), node: () => randomFillSync(n64k), peer: '`crypto.randomFillSync`' },
    { op: '`randomUUID()`', ours: () => entropy.randomUUID(), node: () => nodeRandomUUID(), peer: '`crypto.randomUUID`' },
    { op: '`randomInt(1000)`', ours: () => entropy.randomInt(1000), node: () => nodeRandomInt(1000), peer: '`crypto.randomInt`' },
    { op: '`randomInt(0, 2 ** 40)`', ours: () => entropy.randomInt(0, 2 ** 40), node: () => nodeRandomInt(0, 2 ** 40), peer: '`crypto.randomInt`' },
  ];
}

const fmtNs = (ns) => (ns >= 100_000 ? `${(ns / 1000).toFixed(0)} µs` : ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);
const ROUNDS = QUICK ? 3 : 7;
const ROUND_NS = QUICK ? 20e6 : 100e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

/** ns per call of `op` over one round of about ROUND_NS. */
function round(op) {
  let calls = 0;
  let batch = 64;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < ROUND_NS) {
    for (let i = 0; i < batch; i++) op();
    calls += batch;
    elapsed = Number(process.hrtime.bigint() - start);
    if (elapsed < ROUND_NS / 20) batch *= 2;
  }
  return elapsed / calls;
}

function measurePair(ours, node) {
  for (const op of [ours, node]) {
    const t0 = process.hrtime.bigint();
    while (process.hrtime.bigint() - t0 < 50_000_000n) for (let i = 0; i < 256; i++) op(); // warm-up
  }
  const a = [];
  const b = [];
  for (let r = 0; r < ROUNDS; r++) {
    a.push(round(ours));
    b.push(round(node));
  }
  return [median(a), median(b)];
}

process.stderr.write(`default instance vs node:crypto (${ROUNDS} interleaved rounds, medians)\n`);
const defaultLines = ['| op | shimkit default instance | node:crypto | peer | ratio (node ÷ shimkit; > 1: shimkit faster) |', '| --- | --- | --- | --- | --- |'];
const defaultResults = [];
for (const row of defaultInstanceRows()) {
  process.stderr.write(`  ${row.op} vs ${row.peer} … `);
  const [ours, theirs] = measurePair(row.ours, row.node);
  defaultResults.push({ ...row, ours, theirs });
  process.stderr.write(`${ours.toFixed(0)} ns vs ${theirs.toFixed(0)} ns\n`);
  defaultLines.push(`| ${row.op} | ${fmtNs(ours)} | ${fmtNs(theirs)} | ${row.peer} | ${(theirs / ours).toFixed(2)}× |`);
}
const st = entropy.status();
console.log(`Default instance (backend ${st.backend}; AES-256-CTR: ${st.serving.accelerators.aes256Ctr.path}; ChaCha20: ${st.serving.accelerators.chacha20.path}) vs node:crypto, one process, median of ${ROUNDS} interleaved rounds:\n`);
console.log(defaultLines.join('\n'));
const find = (op, peer) => defaultResults.find((x) => x.op.startsWith(op) && (peer === undefined || x.peer.includes(peer)));
console.log('\nDefault-instance targets:');
console.log(`- fill 32 B into a reused buffer: ${find('`fill(Uint8Array(32))', 'getRandomValues').ours.toFixed(0)} ns (target ≤ 60 ns), ${(find('`fill(Uint8Array(32))', 'getRandomValues').theirs / find('`fill(Uint8Array(32))', 'getRandomValues').ours).toFixed(1)}× getRandomValues (target ≥ 25×)`);
console.log(`- randomBytes(32): ${find('`randomBytes').ours.toFixed(0)} ns (target ≤ 80 ns)`);
console.log(`- randomUUID: ${(find('`randomUUID').theirs / find('`randomUUID').ours).toFixed(2)}× crypto.randomUUID (target ≥ 1.0×)`);
console.log(`- randomInt(1000): ${(find('`randomInt(1000)').theirs / find('`randomInt(1000)').ours).toFixed(2)}× crypto.randomInt (target ≥ 1.0×)`);
console.log(`- fill 64 KiB: ${(find('`fill(64 KiB)').theirs / find('`fill(64 KiB)').ours).toFixed(2)}× crypto.randomFillSync (target ≥ 1.0×)\n`);

if (process.env.SHIMKIT_BENCH_DEFAULT_ONLY === '1') process.exit(0);
const s = status();
process.stderr.write(`@shimkit/entropy bench — node ${process.version}, os-unix ${s.path} path, accelerator ${typeof os.cpu.aes256Ctr === 'function' ? 'present' : 'absent'}${QUICK ? ', QUICK mode' : ''}\n`);
const results = new Map();
for (const subject of subjects) {
  const forSize = subject.make();
  for (const n of SIZES) {
    process.stderr.write(`  ${subject.name} @ ${LABEL[n]} … `);
    const ns = measure(forSize(n));
    results.set(`${subject.name}|${n}`, ns);
    process.stderr.write(`${ns.toFixed(0)} ns/op\n`);
  }
}

const base = subjects.find((x) => x.baseline).name;
const lines = [];
lines.push(`| generator | ${SIZES.map((n) => LABEL[n]).join(' | ')} |`);
lines.push(`| --- | ${SIZES.map(() => '---').join(' | ')} |`);
for (const subject of subjects) {
  const cells = SIZES.map((n) => {
    const ns = results.get(`${subject.name}|${n}`);
    const mbs = (n / ns) * 1000;
    const ratio = results.get(`${base}|${n}`) / ns;
    return `${fmtNs(ns)} · ${mbs >= 100 ? mbs.toFixed(0) : mbs.toFixed(1)} MB/s · ${ratio.toFixed(2)}×`;
  });
  lines.push(`| ${subject.name} | ${cells.join(' | ')} |`);
}
console.log(`\nEach cell: ns per request · MB/s · speed relative to crypto.getRandomValues (higher is faster).`);
console.log(`¹ capped at 65 536 bytes per call: the 1 MiB request is 16 calls.\n`);
console.log(lines.join('\n'));

const r = (name, n) => results.get(`${base}|${n}`) / results.get(`${name}|${n}`);
const front = subjects[0].name;
const pureFront = subjects.find((x) => x.name.includes('pure JS') && x.name.includes('ChaChaFront')).name;
const mbs = (name, n) => (n / results.get(`${name}|${n}`)) * 1000;
console.log('\nTargets:');
console.log(`- 32 B from the default front vs crypto.getRandomValues: ${r(front, 32).toFixed(1)}× (target ≥ 10×)`);
console.log(`- 64 KiB from the default front vs crypto.randomFillSync: ${(results.get(`crypto.randomFillSync|65536`) / results.get(`${front}|65536`)).toFixed(2)}× (target ≥ 1.0×)`);
console.log(`- 64 KiB on the pure-JS path (ChaChaFront over pure-JS Fortuna): ${mbs(pureFront, 65_536).toFixed(0)} MB/s (target ≥ 300 MB/s)`);

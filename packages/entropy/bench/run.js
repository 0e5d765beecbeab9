// Benchmark of @shimkit/entropy's generators against Node's crypto and @noble/ciphers' PRGs,
// printed as Markdown tables (the measurements are in ./measure.js; `shimkit bench` runs the same).
// Run from the repository root with `npm run bench` (builds first), or here with `node run.js`.
// SHIMKIT_BENCH_QUICK=1 shortens every measurement; SHIMKIT_BENCH_DEFAULT_ONLY=1 runs only the
// default instance vs node:crypto rows. Progress goes to stderr, the tables to stdout.
import { benchEnvironment, benchSettings, runDefaultInstance, runGenerators, SIZES, sizeLabel } from './measure.js';

const QUICK = process.env.SHIMKIT_BENCH_QUICK === '1';
const settings = benchSettings({ quick: QUICK });
const fmtNs = (ns) => (ns >= 100_000 ? `${(ns / 1000).toFixed(0)} µs` : ns >= 10_000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(0)} ns`);

process.stderr.write(`default instance vs node:crypto (${settings.rounds} interleaved rounds, medians)\n`);
const defaultResults = runDefaultInstance(settings, (done, total, label) => {
  if (done < total) process.stderr.write(`  ${label}\n`);
});
const defaultLines = ['| op | shimkit default instance | node:crypto | peer | ratio (node ÷ shimkit; > 1: shimkit faster) |', '| --- | --- | --- | --- | --- |'];
for (const row of defaultResults) {
  defaultLines.push(`| \`${row.op.replace(/, reused buffer$/, '')}\`${row.op.endsWith(', reused buffer') ? ', reused buffer' : ''} | ${fmtNs(row.oursNs)} | ${fmtNs(row.nodeNs)} | \`${row.peer}\` | ${row.ratio.toFixed(2)}× |`);
}
const env = benchEnvironment();
console.log(`Default instance (backend ${env.backend}; AES-256-CTR: ${env.aes256Ctr}; ChaCha20: ${env.chacha20}) vs node:crypto, one process, median of ${settings.rounds} interleaved rounds:\n`);
console.log(defaultLines.join('\n'));
const find = (op, peer) => defaultResults.find((x) => x.op.startsWith(op) && (peer === undefined || x.peer.includes(peer)));
console.log('\nDefault-instance targets:');
console.log(`- fill 32 B into a reused buffer: ${find('fill(Uint8Array(32))', 'getRandomValues').oursNs.toFixed(0)} ns (target ≤ 60 ns), ${find('fill(Uint8Array(32))', 'getRandomValues').ratio.toFixed(1)}× getRandomValues (target ≥ 25×)`);
console.log(`- randomBytes(32): ${find('randomBytes').oursNs.toFixed(0)} ns (target ≤ 80 ns)`);
console.log(`- randomUUID: ${find('randomUUID').ratio.toFixed(2)}× crypto.randomUUID (target ≥ 1.0×)`);
console.log(`- randomInt(1000): ${find('randomInt(1000)').ratio.toFixed(2)}× crypto.randomInt (target ≥ 1.0×)`);
console.log(`- fill 64 KiB: ${find('fill(64 KiB)').ratio.toFixed(2)}× crypto.randomFillSync (target ≥ 1.0×)\n`);

if (process.env.SHIMKIT_BENCH_DEFAULT_ONLY === '1') process.exit(0);
process.stderr.write(`@shimkit/entropy bench — node ${env.node}, os-unix ${env.osUnixPath} path, AES-256-CTR ${env.aes256Ctr}${QUICK ? ', QUICK mode' : ''}\n`);
const generators = runGenerators(settings, (done, total, label) => {
  if (done < total) process.stderr.write(`  ${label}\n`);
});

const lines = [];
lines.push(`| generator | ${SIZES.map(sizeLabel).join(' | ')} |`);
lines.push(`| --- | ${SIZES.map(() => '---').join(' | ')} |`);
for (const g of generators) {
  const cells = g.points.map((p) => `${fmtNs(p.nsPerOp)} · ${p.mbPerS >= 100 ? p.mbPerS.toFixed(0) : p.mbPerS.toFixed(1)} MB/s · ${p.ratio.toFixed(2)}×`);
  lines.push(`| ${g.name}${g.capped ? ' ¹' : ''} | ${cells.join(' | ')} |`);
}
console.log(`\nEach cell: ns per request · MB/s · speed relative to crypto.getRandomValues (higher is faster).`);
console.log(`¹ capped at 65 536 bytes per call: the 1 MiB request is 16 calls.\n`);
console.log(lines.join('\n'));

const at = (name, n) => generators.find((g) => g.name === name).points.find((p) => p.bytes === n);
const front = generators[0].name;
const pureFront = generators.find((g) => g.name.includes('pure JS') && g.name.includes('ChaChaFront')).name;
console.log('\nTargets:');
console.log(`- 32 B from the default front vs crypto.getRandomValues: ${at(front, 32).ratio.toFixed(1)}× (target ≥ 10×)`);
console.log(`- 64 KiB from the default front vs crypto.randomFillSync: ${(at('crypto.randomFillSync', 65_536).nsPerOp / at(front, 65_536).nsPerOp).toFixed(2)}× (target ≥ 1.0×)`);
console.log(`- 64 KiB on the pure-JS path (ChaChaFront over pure-JS Fortuna): ${at(pureFront, 65_536).mbPerS.toFixed(0)} MB/s (target ≥ 300 MB/s)`);

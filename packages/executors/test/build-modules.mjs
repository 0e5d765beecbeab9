/**
 * Builds the executors' test modules into test/build/:
 * - test/c/wasi/*.c     → WASI preview-1 commands: clang-16 --target=wasm32-unknown-wasi --sysroot=/usr -O2
 * - test/c/teaclave/*.c → Teaclave WAMR-ABI payloads: clang-16 --target=wasm32 -nostdlib (no libc;
 *                         exports everything, imports the teaclave_* functions from `env`)
 * - test/wat/*.wat      → hand-written modules, compiled with wabt (npm) with every feature it knows
 *                         enabled, so the memory64 / multi-memory / threads rejections get real modules.
 * A module is rebuilt only when its source is newer. Run by the vitest globalSetup, or by hand:
 * `node test/build-modules.mjs`. Needs scripts/setup.sh (Debian clang-16, lld-16, wasi-libc).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const buildDir = join(here, 'build');

const CLANG = process.env.SHIMKIT_CLANG ?? 'clang-16';
const WASI_FLAGS = ['--target=wasm32-unknown-wasi', '--sysroot=/usr', '-O2', '-Wno-format'];
const TEACLAVE_FLAGS = ['--target=wasm32', '-O2', '-nostdlib', '-fuse-ld=lld', '-Wl,--export-all', '-Wl,--allow-undefined', '-Wl,--no-entry'];

function stale(src, out) {
  return !existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs;
}

function sources(dir, ext) {
  const d = join(here, dir);
  return existsSync(d) ? readdirSync(d).filter((f) => f.endsWith(ext)).map((f) => join(d, f)) : [];
}

function clang(flags, src, out) {
  try {
    execFileSync(CLANG, [...flags, '-o', out, src], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.code === 'ENOENT') {
      throw new Error(`${CLANG} not found: run scripts/setup.sh (as root) to install clang-16, lld-16, libclang-rt-16-dev-wasm32 and wasi-libc`);
    }
    throw new Error(`${CLANG} failed on ${src}:\n${e.stderr?.toString() ?? e.message}`);
  }
}

export async function buildModules() {
  mkdirSync(buildDir, { recursive: true });
  const built = [];
  for (const src of sources('c/wasi', '.c')) {
    const out = join(buildDir, src.split('/').pop().replace(/\.c$/, '.wasm'));
    if (stale(src, out)) clang(WASI_FLAGS, src, out), built.push(out);
  }
  for (const src of sources('c/teaclave', '.c')) {
    const out = join(buildDir, 'teaclave-' + src.split('/').pop().replace(/\.c$/, '.wasm'));
    if (stale(src, out)) clang(TEACLAVE_FLAGS, src, out), built.push(out);
  }
  const wats = sources('wat', '.wat');
  if (wats.some((src) => stale(src, join(buildDir, src.split('/').pop().replace(/\.wat$/, '.wasm'))))) {
    const wabt = await (await import('wabt')).default();
    for (const src of wats) {
      const out = join(buildDir, src.split('/').pop().replace(/\.wat$/, '.wasm'));
      if (!stale(src, out)) continue;
      const features = { multi_memory: true, memory64: true, threads: true, bulk_memory: true, exceptions: true };
      const mod = wabt.parseWat(src, readFileSync(src, 'utf8'), features);
      mod.resolveNames();
      mod.validate(features);
      writeFileSync(out, Buffer.from(mod.toBinary({}).buffer));
      mod.destroy();
      built.push(out);
    }
  }
  return built;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const built = await buildModules();
  console.log(built.length ? `built ${built.length}: ${built.map((p) => p.split('/').pop()).join(' ')}` : 'test modules up to date');
}

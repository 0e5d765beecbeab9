/**
 * Builds the example program for one preset with rollup + `@rollup/plugin-alias`, every rule read
 * from the preset (`@shimkit/os-shim/presets`): the alias to the backend, what stays external,
 * the resolve conditions and the platform — the configuration of `examples/rollup/build.mjs`.
 *
 * A build is kept in the cache with a manifest of every input module and its SHA-256; the next
 * run re-hashes those files and reuses the bundle when none changed (and the rollup version is
 * the same), so a second run builds nothing. Bundle and manifest are written under temporary
 * names and renamed into place, so a run never reads another run's half-written file.
 */

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import alias from '@rollup/plugin-alias';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { rollupAlias } from '@shimkit/os-shim/alias';
import { isExternal, preset, type TargetName } from '@shimkit/os-shim/presets';
import { rollup, VERSION as ROLLUP_VERSION } from 'rollup';
import { cacheDir, programFile } from './paths.js';

/** A bundle of the example program for one target. */
export interface BuiltBundle {
  readonly target: TargetName;
  readonly file: string;
  readonly bytes: number;
  /** SHA-256 of the bundle, hex. */
  readonly sha256: string;
  /** Reused from an earlier run (no input changed). */
  readonly cached: boolean;
}

interface Manifest {
  readonly rollup: string;
  readonly inputs: Record<string, string>;
  readonly sha256: string;
}

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Builds (or reuses) `<cache>/targets/<target>.mjs`. */
export async function buildBundle(target: TargetName): Promise<BuiltBundle> {
  const p = preset(target);
  const dir = join(cacheDir(), 'targets');
  const file = join(dir, `${target}.mjs`);
  const manifestFile = join(dir, `${target}.json`);
  const reused = reuse(file, manifestFile);
  if (reused !== null) return { target, file, bytes: reused.length, sha256: sha256(reused), cached: true };

  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  const build = await rollup({
    input: programFile(p.program),
    external: (id) => isExternal(target, id),
    plugins: [alias(rollupAlias(target)), nodeResolve({ exportConditions: [...p.conditions], preferBuiltins: p.platform === 'node' })],
    logLevel: 'silent',
  });
  try {
    const { output } = await build.write({ file: partial, format: 'es', inlineDynamicImports: true });
    const inputs: Record<string, string> = {};
    for (const id of Object.keys(output[0].modules)) if (isAbsolute(id) && existsSync(id)) inputs[id] = sha256(readFileSync(id));
    const code = readFileSync(partial);
    const manifest: Manifest = { rollup: ROLLUP_VERSION, inputs, sha256: sha256(code) };
    renameSync(partial, file);
    writeFileSync(`${manifestFile}.${process.pid}.tmp`, `${JSON.stringify(manifest, null, 1)}\n`);
    renameSync(`${manifestFile}.${process.pid}.tmp`, manifestFile);
    return { target, file, bytes: code.length, sha256: manifest.sha256, cached: false };
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    await build.close();
  }
}

/** The cached bundle's bytes when it and every input are unchanged, else null. */
function reuse(file: string, manifestFile: string): Buffer | null {
  if (!existsSync(file) || !existsSync(manifestFile)) return null;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  } catch {
    return null; // A damaged manifest is a miss.
  }
  if (manifest.rollup !== ROLLUP_VERSION || Object.keys(manifest.inputs).length === 0) return null;
  for (const [input, hash] of Object.entries(manifest.inputs)) {
    if (!existsSync(input) || sha256(readFileSync(input)) !== hash) return null;
  }
  const code = readFileSync(file);
  return sha256(code) === manifest.sha256 ? code : null;
}

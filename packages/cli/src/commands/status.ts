/**
 * `shimkit status [--json]`: the default instance of `@shimkit/entropy` on this machine — the
 * linked backend (native addon or pure-JS fallback, and why), each entropy source with its
 * health and counts, the generator and accelerators serving requests, and the seed and reseed
 * state. The command seeds the default instance first (`initialize()`), so the state shown is
 * the one a program sees once it has asked for its first byte.
 */

import { type EntropyStatus, initialize, NoEntropyError, status, stop } from '@shimkit/entropy';
import { status as unixStatus, type UnixStatus } from '@shimkit/os-unix';
import { CliError } from '../exit-codes.js';
import { table } from '../table.js';

/** What `status --json` prints. */
export interface StatusReport {
  readonly backend: UnixStatus;
  readonly entropy: EntropyStatus;
}

/** Seeds the default instance and reads both statuses. */
export function readStatus(): StatusReport {
  try {
    initialize();
    return { backend: unixStatus(), entropy: status() };
  } catch (e) {
    if (e instanceof NoEntropyError) throw new CliError('noEntropy', e.message, { cause: e });
    throw e;
  } finally {
    stop();
  }
}

/** The report as text, for a terminal. */
export function formatStatus({ backend: b, entropy: e }: StatusReport): string {
  const path =
    b.addon.loaded === true ? `native (addon ${b.addon.file})` : `fallback (pure JS: ${b.addon.reason})`;
  const cpuRng = (name: string, s: { available: boolean; selfTest: string }): string =>
    `${name} ${s.available ? 'available' : 'absent'} (self-test: ${s.selfTest})`;
  const lines = [
    `backend      ${e.backend}, ${path}`,
    `platform     cycle counter ${b.cycleCounter}; OS random ${b.osRandom}; wall clock ${b.wallClock}; loop hooks ${b.loopHooks}`,
    `cpu rng      ${cpuRng('RDRAND', b.rdrand)}; ${cpuRng('RDSEED', b.rdseed)}`,
    `generator    ${e.serving.front} front over ${e.serving.generator}; AES-256-CTR ${e.serving.accelerated ? `accelerated (${b.aes256Ctr})` : 'pure JS'}; bulk path above ${e.serving.bulkThreshold} bytes`,
    `seeded       ${e.initialized ? `yes, from ${e.seededFrom.join(' + ')}${e.timingOnly ? ' (timing only)' : ''}` : 'no'}; bootstrap ${e.bootstrap.method ?? 'none'}${e.bootstrap.failed.length > 0 ? ` (failed: ${e.bootstrap.failed.join(', ')})` : ''}`,
    `reseeds      Fortuna pool ${e.fortuna.reseedCount}, direct ${e.fortuna.directReseeds}; front ${e.frontReseeds}; clones handled ${e.clones}`,
    '',
    table(
      ['source', 'available', 'healthy', 'health', 'samples', 'failures', 'bytes fed', 'detail'],
      e.sources.map((s) => [s.name, yesNo(s.available), yesNo(s.healthy), s.health, String(s.samples), String(s.failures), String(s.bytesFed), s.detail]),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function yesNo(b: boolean): string {
  return b ? 'yes' : 'no';
}

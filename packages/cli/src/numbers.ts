/**
 * Parsing of the numbers the commands take: decimal integers only (no `1e3`, no `0x10`, no
 * fractions, no blanks), within the bounds each argument states, with an optional binary size
 * suffix for byte counts (`64K`, `1M`, `2G` = ×2^10, ×2^20, ×2^30). A bad value is commander's
 * `InvalidArgumentError`, which the command line reports as a bad number (exit code 3).
 */

import { InvalidArgumentError } from 'commander';

const INTEGER = /^-?(0|[1-9][0-9]*)$/;
const SIZE = /^(0|[1-9][0-9]*)([KMG]?)$/;
const SUFFIX: Record<string, number> = { '': 1, K: 2 ** 10, M: 2 ** 20, G: 2 ** 30 };

/** A safe integer in [min, max], or `InvalidArgumentError` naming what was wrong. */
export function parseInteger(text: string, min: number, max: number): number {
  if (!INTEGER.test(text)) throw new InvalidArgumentError(`not an integer: ${JSON.stringify(text)}`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(`${text} is beyond ±2^53 − 1`);
  if (n < min || n > max) throw new InvalidArgumentError(`${text} is out of range: expected ${min} to ${max}`);
  return n;
}

/** A byte count: a non-negative integer with an optional K/M/G suffix, at most `max`. */
export function parseSize(text: string, max: number): number {
  const m = SIZE.exec(text);
  if (m === null) throw new InvalidArgumentError(`not a byte count: ${JSON.stringify(text)} (use an integer, optionally with K, M or G)`);
  const n = Number(m[1]) * SUFFIX[m[2]!]!;
  if (!Number.isSafeInteger(n) || n > max) throw new InvalidArgumentError(`${text} is out of range: at most ${max} bytes`);
  return n;
}

/**
 * `shimkit run FUNCTION|FILE`: one call through `@shimkit/executors` — a builtin by name, or a
 * `.wasm`, `.py`, `.js`/`.mjs` file — with arguments (`--arg k=v`), inputs read from files
 * (`--input name=path`), outputs written to files only when the call succeeds (`--output
 * name=path`, atomically), a deadline (`--timeout ms`) and a memory cap (`--memory MiB`).
 *
 * Output: the result value on stdout; the function's own stdout and stderr on our stderr, each
 * under a `--- function stdout ---` / `--- function stderr ---` line (so stdout stays the value
 * alone, ready for a pipe); `--json` prints one JSON object on stdout instead. A failed call ends
 * with one line `shimkit: <kind>: <message>` and the exit code of its kind (`../exit-codes.ts`).
 */

import { type CallResult, defineFunction, ExecutorError, type FaultKind, type FunctionDefinition } from '@shimkit/executors';
import { CliError, type ExitKind } from '../exit-codes.js';
import { cliExecutors } from '../run/executors.js';
import { type Bindings, readFileArgument, resolveFunction } from '../run/function.js';
import { checkOutputPaths, commitOutputs } from '../run/outputs.js';

/** What the command line gave. */
export interface RunRequest {
  readonly target: string;
  /** `k=v` pairs, in order. */
  readonly args: readonly string[];
  /** `name=path` pairs. */
  readonly inputs: readonly string[];
  /** `name=path` pairs. */
  readonly outputs: readonly string[];
  readonly timeoutMs?: number;
  readonly memoryMiB?: number;
  readonly json: boolean;
}

/** Where the command writes. */
export interface RunIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/** Exit kind of each fault kind. */
export const EXIT_KIND_OF_FAULT: Readonly<Record<FaultKind, ExitKind>> = Object.freeze({
  trap: 'trap',
  timeout: 'timeout',
  memory: 'memory',
  exit: 'exit',
  error: 'functionError',
  invalid: 'invalidPayload',
  link: 'link',
  io: 'io',
  limit: 'limit',
  cancelled: 'internal',
  internal: 'internal',
});

/**
 * Splits `key=value` pairs (the value may hold `=`); each key once.
 * @throws CliError `usage` for a pair without `=`, an empty key, or a key given twice.
 */
export function parsePairs(flag: string, pairs: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CliError('usage', `${flag} expects NAME=VALUE, got "${pair}"`);
    const key = pair.slice(0, eq);
    if (map.has(key)) throw new CliError('usage', `${flag} ${key} is given twice`);
    map.set(key, pair.slice(eq + 1));
  }
  return map;
}

const decoder = new TextDecoder();

/** Runs the request; resolves when done, throws `CliError` with the exit kind on failure. */
export async function runFunction(req: RunRequest, io: RunIo): Promise<void> {
  const args = parsePairs('--arg', req.args);
  const inputPaths = parsePairs('--input', req.inputs);
  const outputPaths = parsePairs('--output', req.outputs);
  const bindings: Bindings = { argumentKeys: [...args.keys()], inputs: [...inputPaths.keys()], outputs: [...outputPaths.keys()] };

  const spec = resolveFunction(req.target, bindings);
  const inputs: Record<string, Uint8Array> = {};
  for (const [name, path] of inputPaths) inputs[name] = readFileArgument(path, `input ${name}`);
  checkOutputPaths([...outputPaths.values()]);

  const executors = cliExecutors();
  let result: CallResult;
  try {
    let fn: FunctionDefinition;
    try {
      fn = defineFunction(spec);
    } catch (e) {
      throw usageFrom(e);
    }
    const memoryBytes = req.memoryMiB === undefined ? undefined : req.memoryMiB * 2 ** 20;
    if (fn.executorType === 'python') {
      if (!req.json) io.err('shimkit: loading the Python interpreter (Pyodide: seconds the first time, faster from the snapshot in the cache after that)…\n');
      await executors.warmPython(memoryBytes ?? 256 * 2 ** 20);
    }
    try {
      result = await executors.registry.run(
        { function: fn, arguments: Object.fromEntries(args), inputs, outputs: [...outputPaths.keys()] },
        { ...(req.timeoutMs === undefined ? {} : { deadlineMs: req.timeoutMs }), ...(memoryBytes === undefined ? {} : { memoryBytes }) },
      );
    } catch (e) {
      throw usageFrom(e);
    }
  } finally {
    await executors.close();
  }
  // After close(): the snapshot's write to the disk cache has finished (or failed) by then.
  if (!req.json) for (const note of executors.pythonNotes()) io.err(`shimkit: note: ${note}\n`);

  const written = new Map<string, Uint8Array>();
  const missing: string[] = [];
  if (result.ok) {
    for (const [name, path] of outputPaths) {
      const bytes = result.outputs[name];
      if (bytes === undefined) missing.push(name);
      else written.set(path, bytes);
    }
    commitOutputs(written);
  }

  if (req.json) {
    io.out(`${JSON.stringify(jsonReport(result, outputPaths, missing))}\n`);
  } else {
    if (result.stdout.length > 0) io.err(`--- function stdout ---\n${streamText(result.stdout)}`);
    if (result.stderr.length > 0) io.err(`--- function stderr ---\n${streamText(result.stderr)}`);
    if (result.stdout.length > 0 || result.stderr.length > 0) io.err('---\n');
    if (result.ok) {
      io.out(`${result.value}\n`);
      for (const name of missing) io.err(`shimkit: output ${name}: the function wrote nothing; ${outputPaths.get(name)} was not created\n`);
    }
  }
  if (!result.ok) {
    const detail = result.kind === 'exit' && result.exitCode !== undefined ? ` (exit status ${result.exitCode})` : '';
    throw new CliError(EXIT_KIND_OF_FAULT[result.kind], `${result.kind}: ${firstLine(result.message)}${detail}${result.code === undefined ? '' : ` [${result.code}]`}`);
  }
}

function streamText(bytes: Uint8Array): string {
  const text = decoder.decode(bytes);
  return text.endsWith('\n') ? text : `${text}\n`;
}

function firstLine(s: string): string {
  return s.split('\n')[0]!;
}

/** A task the executors refused before running (`ExecutorError`) is a usage mistake. */
function usageFrom(e: unknown): unknown {
  if (e instanceof ExecutorError) return new CliError('usage', `${firstLine(e.message)} (${e.code})`, { cause: e });
  return e;
}

function jsonReport(result: CallResult, outputPaths: ReadonlyMap<string, string>, missing: readonly string[]) {
  const common = {
    stdout: decoder.decode(result.stdout),
    stderr: decoder.decode(result.stderr),
    usage: result.usage,
  };
  if (!result.ok) {
    return {
      ok: false,
      kind: result.kind,
      message: result.message,
      ...(result.code === undefined ? {} : { code: result.code }),
      ...(result.exitCode === undefined ? {} : { exitCode: result.exitCode }),
      ...common,
    };
  }
  const outputs: Record<string, { path: string; bytes: number } | null> = {};
  for (const [name, path] of outputPaths) outputs[name] = missing.includes(name) ? null : { path, bytes: result.outputs[name]!.length };
  return { ok: true, value: result.value, outputs, ...common };
}

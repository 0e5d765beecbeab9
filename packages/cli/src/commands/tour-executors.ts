/**
 * The tour's executors step: one function per executor of `@shimkit/executors` — builtin, wasm,
 * js, python — each run with a deadline through the same registry `shimkit run` uses, printing
 * one row per executor: the function, its deadline, its result (value, captured stdout, outputs)
 * and its wall time. The wasm module is written here as WAT and compiled with wabt at run time;
 * the js and python functions are small scripts in the executors' conventions (`entrypoint(args,
 * ctx)`, Teaclave's `entrypoint(argv)`). Pyodide's cold start takes seconds: it is loaded before
 * the python call, with progress, and its load time is shown apart from the call's.
 */

import { type CallResult, defineFunction, type FunctionSpec } from '@shimkit/executors';
import { cliExecutors } from '../run/executors.js';
import { table } from '../table.js';

/** A WASI command: `_start` writes one line to stdout with `fd_write`. */
export const TOUR_WAT = `(module
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hello from wasm on the shimkit WASI host\\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 41))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
`;

/** An ES module for the js executor: counts the words of its input, writes them upper-cased. */
export const TOUR_JS = `export function entrypoint(args, ctx) {
  const words = ctx.readText('text').split(/\\s+/).filter(Boolean);
  ctx.write('shout', words.map((w) => w.toUpperCase()).join(' '));
  return args.label + ': ' + words.length + ' words';
}
`;

/** A Teaclave-style Python function: `argv` is the flattened argument list. */
export const TOUR_PY = `def entrypoint(argv):
    assert argv[0] == 'message'
    return argv[1][::-1]
`;

/** One row of the step. */
export interface ExecutorRow {
  readonly executor: string;
  readonly fn: string;
  readonly deadlineMs: number;
  readonly result: CallResult;
  /** Time to load the engine ahead of the call (python's interpreter), in ms. */
  readonly loadMs?: number;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Compiles `wat` to module bytes with wabt. */
export async function compileWat(wat: string): Promise<Uint8Array> {
  const wabt = await (await import('wabt')).default();
  const mod = wabt.parseWat('tour.wat', wat);
  try {
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}

/**
 * Runs the four functions, one per executor, each with its deadline (generous: the wasm deadline
 * covers a worker's start, and this machine is shared; the calls themselves take milliseconds).
 */
export async function runExecutorTour(progress: (line: string) => void): Promise<ExecutorRow[]> {
  const { registry, warmPython, close } = cliExecutors();
  const rows: ExecutorRow[] = [];
  const call = async (executor: string, spec: FunctionSpec, task: { arguments?: Record<string, string>; inputs?: Record<string, Uint8Array>; outputs?: string[] }, deadlineMs: number, loadMs?: number) => {
    progress(`[executors] ${executor}: running ${spec.name} (deadline ${deadlineMs} ms)`);
    const result = await registry.run({ function: defineFunction(spec), ...task }, { deadlineMs });
    rows.push({ executor, fn: spec.name, deadlineMs, result, ...(loadMs === undefined ? {} : { loadMs }) });
  };
  try {
    await call(
      'builtin',
      { name: 'builtin-digest', executorType: 'builtin', arguments: [{ key: 'algorithm', defaultValue: 'sha256' }], inputs: [{ name: 'input' }] },
      { inputs: { input: enc.encode('abc') } },
      1000,
    );
    progress('[executors] wasm: compiling the WAT module with wabt');
    await call('wasm', { name: 'hello', executorType: 'wasm', payload: await compileWat(TOUR_WAT) }, {}, 5000);
    await call(
      'js',
      { name: 'shout', executorType: 'js', payload: enc.encode(TOUR_JS), arguments: [{ key: 'label' }], inputs: [{ name: 'text' }], outputs: [{ name: 'shout' }] },
      { arguments: { label: 'js' }, inputs: { text: enc.encode('one entropy library, many operating systems') }, outputs: ['shout'] },
      5000,
    );
    progress('[executors] python: loading Pyodide (the cold start takes seconds)');
    const t0 = performance.now();
    await warmPython(256 * 2 ** 20);
    const loadMs = performance.now() - t0;
    progress(`[executors] python: interpreter loaded in ${(loadMs / 1000).toFixed(1)} s`);
    await call('python', { name: 'reverse', executorType: 'python', payload: enc.encode(TOUR_PY), arguments: [{ key: 'message' }] }, { arguments: { message: 'shimkit' } }, 10_000, loadMs);
  } finally {
    await close();
  }
  return rows;
}

function resultText(r: CallResult): string {
  if (!r.ok) return `FAILED ${r.kind}: ${r.message.split('\n')[0]}`;
  const parts = [`value ${JSON.stringify(r.value.length > 40 ? `${r.value.slice(0, 40)}…` : r.value)}`];
  if (r.stdout.length > 0) parts.push(`stdout ${JSON.stringify(dec.decode(r.stdout).trimEnd())}`);
  for (const [name, bytes] of Object.entries(r.outputs)) parts.push(`output ${name} ${JSON.stringify(dec.decode(bytes))}`);
  return parts.join('; ');
}

/** The step's table: executor, function, deadline, wall time (and load time), result. */
export function formatExecutorRows(rows: readonly ExecutorRow[]): string {
  return `${table(
    ['executor', 'function', 'deadline', 'time', 'result'],
    rows.map((r) => [
      r.executor,
      r.fn,
      `${r.deadlineMs} ms`,
      `${(r.result.usage.wallNs / 1e6).toFixed(1)} ms${r.loadMs === undefined ? '' : ` (+${(r.loadMs / 1000).toFixed(1)} s load)`}`,
      resultText(r.result),
    ]),
  )}\n`;
}

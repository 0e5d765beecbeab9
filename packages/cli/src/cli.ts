/**
 * The `shimkit` command line (commander 14): commands, their options and help, and the mapping of
 * every failure to one line on stderr and an exit code of its kind (`./exit-codes.ts`).
 */

import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import { registerBench } from './commands/bench.js';
import { type Encoding, writeInts, writeRandom, writeUuids } from './commands/draw.js';
import { formatStatus, readStatus } from './commands/status.js';
import { formatTargets, runTargets, selectTargets } from './commands/targets.js';
import { runTour } from './commands/tour.js';
import { CliError, EXIT, EXIT_CODES_HELP } from './exit-codes.js';
import { parseInteger, parseSize } from './numbers.js';
import { TARGETS } from '@shimkit/os-shim/presets';
import { RANDOM_INT_MAX_RANGE } from '@shimkit/entropy';

/** Where the command line writes; tests and the binary pass the process streams. */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & import('node:stream').Writable;
  readonly stderr: NodeJS.WritableStream;
}

const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version;
const MAX_COUNT = 10_000_000;

/** Commander error codes that are usage mistakes; `commander.invalidArgument` is a bad number. */
const QUIET_EXITS = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version']);

function buildProgram(io: CliIo): Command {
  const out = (text: string): void => void io.stdout.write(text);
  const progress = (line: string): void => void io.stderr.write(`${line}\n`);
  const count = (v: string): number => parseInteger(v, 1, MAX_COUNT);

  const program = new Command('shimkit')
    .description('Secure randomness on every shimkit target: status, random output, and the per-target tour.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for the command')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout.write(s),
      writeErr: (s) => void io.stderr.write(s),
      // One line per error: commander puts its "(Did you mean …?)" on a second line.
      outputError: (s, write) => write(`shimkit: ${s.replace(/^error: /, '').replace(/\n(?=.)/g, ' ').trimEnd()}\n`),
    });
  program.addHelpText(
    'after',
    `\n${EXIT_CODES_HELP}`,
  );

  program
    .command('status')
    .description('show the linked backend, each entropy source with its health and counts, the generator and accelerators, seeding and reseeds')
    .option('--json', 'print the full report as JSON')
    .action((o: { json?: boolean }) => {
      const report = readStatus();
      out(o.json === true ? `${JSON.stringify(report, null, 2)}\n` : formatStatus(report));
    });

  program
    .command('rand')
    .description('write N random bytes (hex by default); streams, so N may be large (K, M, G suffixes: ×1024, ×1024², ×1024³)')
    .argument('<N>', 'number of bytes', (v: string) => parseSize(v, Number.MAX_SAFE_INTEGER))
    .addOption(new Option('--hex', 'lowercase hex, one line (default)').conflicts(['base64', 'raw']))
    .addOption(new Option('--base64', 'base64, one line').conflicts(['hex', 'raw']))
    .addOption(new Option('--raw', 'the bytes themselves, for piping into test suites').conflicts(['hex', 'base64']))
    .action(async (n: number, o: { base64?: boolean; raw?: boolean }) => {
      const encoding: Encoding = o.raw === true ? 'raw' : o.base64 === true ? 'base64' : 'hex';
      await writeRandom(io.stdout, n, encoding);
    });

  program
    .command('uuid')
    .description('write random (version 4, RFC 9562) UUIDs, one per line')
    .option('-n, --count <K>', `how many (1 to ${MAX_COUNT})`, count, 1)
    .action(async (o: { count: number }) => writeUuids(io.stdout, o.count));

  program
    .command('int')
    .description('write integers uniform in [MIN, MAX) — MAX excluded, as crypto.randomInt — one per line')
    .argument('<MIN>', 'smallest value', (v: string) => parseInteger(v, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
    .argument('<MAX>', `one past the largest value (MAX − MIN ≤ 2^48)`, (v: string) => parseInteger(v, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER))
    .option('-n, --count <K>', `how many (1 to ${MAX_COUNT})`, count, 1)
    .action(async (min: number, max: number, o: { count: number }) => {
      if (max <= min) throw new CliError('badNumber', `MAX must be greater than MIN (got ${min} ${max})`);
      if (max - min > RANDOM_INT_MAX_RANGE) throw new CliError('badNumber', `MAX − MIN is ${max - min}; at most 2^48 = ${RANDOM_INT_MAX_RANGE}`);
      await writeInts(io.stdout, o.count, min, max);
    });

  const only = (v: string, prev: string[] = []): string[] => [...prev, v];
  program
    .command('targets')
    .description(`build the example program for each target (${TARGETS.join(', ')}) with rollup and the presets, run each bundle on its host, and print one row per target`)
    .option('--only <T>', 'only these targets (comma-separated, or repeat the option)', only)
    .option('--json', 'print the rows as JSON')
    .action(async (o: { only?: string[]; json?: boolean }) => {
      const rows = await runTargets(selectTargets(o.only), progress);
      out(o.json === true ? `${JSON.stringify(rows, null, 2)}\n` : formatTargets(rows));
    });

  const collect = (v: string, prev: string[] = []): string[] => [...prev, v];
  program
    .command('run')
    .description(
      'run one function through the executors: a builtin by name (builtin-echo, builtin-digest, builtin-random-bytes, …) or a file — .wasm (wasm), .py (python), .js/.mjs (js); prints the result value',
    )
    .argument('<FUNCTION|FILE>', 'a builtin name, or a .wasm, .py, .js or .mjs file')
    .option('--arg <k=v>', 'an argument of the function (repeat for more)', collect)
    .option('--input <name=path>', 'bind input NAME to the bytes of a file (repeat for more)', collect)
    .option('--output <name=path>', 'write output NAME to a file, only if the call succeeds, atomically (repeat for more)', collect)
    .option('--timeout <ms>', 'deadline of the call in milliseconds (default: none)', (v: string) => parseInteger(v, 1, 2 ** 31 - 1))
    .option('--memory <MiB>', 'memory cap of the guest in MiB (default 256)', (v: string) => parseInteger(v, 1, 4096))
    .option('--json', 'print one JSON object: ok, value or kind and message, outputs, stdout, stderr, usage')
    .addHelpText(
      'after',
      `\nThe function's own stdout and stderr go to stderr, each under a "--- function stdout ---" line; stdout holds the value alone.\n${EXIT_CODES_HELP}`,
    )
    // The executors (QuickJS, Pyodide, workers) load only for this command, not for `rand` or `uuid`.
    .action(async (target: string, o: { arg?: string[]; input?: string[]; output?: string[]; timeout?: number; memory?: number; json?: boolean }) =>
      (await import('./commands/run.js')).runFunction(
        {
          target,
          args: o.arg ?? [],
          inputs: o.input ?? [],
          outputs: o.output ?? [],
          json: o.json === true,
          ...(o.timeout === undefined ? {} : { timeoutMs: o.timeout }),
          ...(o.memory === undefined ? {} : { memoryMiB: o.memory }),
        },
        { out, err: (text) => void io.stderr.write(text) },
      ),
    );

  program
    .command('cache')
    .description("show the executors' on-disk cache (Python interpreter snapshots and code cache) per engine directory, or clear it")
    .argument('[action]', '"show" (default) or "clear" (deletes every engine directory\'s entries, nothing else)', 'show')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', '\nThe directory is $SHIMKIT_CACHE_DIR, else $XDG_CACHE_HOME/shimkit/executors, else ~/.cache/shimkit/executors.')
    .action(async (action: string, o: { json?: boolean }) => {
      if (action !== 'show' && action !== 'clear') throw new CliError('usage', `cache: unknown action ${JSON.stringify(action)} (expected "show" or "clear")`);
      const cache = await import('./commands/cache.js');
      const report = action === 'clear' ? await cache.clearCache() : await cache.readCache();
      if (o.json === true) out(`${JSON.stringify(action === 'clear' ? { cleared: report } : report, null, 2)}\n`);
      else out(action === 'clear' ? cache.formatCleared(report) : cache.formatCache(report));
    });

  program
    .command('tour')
    .description('the whole idea on one screen: the targets table, one function per executor, then this machine\'s status (what `npm start` runs)')
    .option('--only <T>', 'only these targets (comma-separated, or repeat the option)', only)
    .action(async (o: { only?: string[] }) => runTour({ out, progress, targets: selectTargets(o.only) }));

  registerBench(program, io);

  return program;
}

/** Runs the command line on `argv` (without node and the script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (QUIET_EXITS.has(e.code)) return EXIT.ok;
      // commander has already written its one line through outputError.
      return e.code === 'commander.invalidArgument' ? EXIT.badNumber : EXIT.usage;
    }
    if (e instanceof CliError) {
      io.stderr.write(`shimkit: ${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message.split('\n')[0] : String(e);
    io.stderr.write(`shimkit: internal error: ${message}${process.env.SHIMKIT_DEBUG ? '' : ' (set SHIMKIT_DEBUG=1 for the stack)'}\n`);
    if (process.env.SHIMKIT_DEBUG && e instanceof Error) io.stderr.write(`${e.stack}\n`);
    return EXIT.internal;
  }
}

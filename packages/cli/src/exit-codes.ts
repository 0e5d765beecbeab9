/**
 * Exit codes of the `shimkit` command and the error that carries one.
 *
 * Every user mistake ends the process with one line on stderr (`shimkit: …`) and the code of its
 * kind, never with a stack trace. Codes, stable across versions:
 *
 * | code | kind | when |
 * | --- | --- | --- |
 * | 0 | ok | |
 * | 1 | internal | a bug or an unexpected failure (`SHIMKIT_DEBUG=1` prints the stack) |
 * | 2 | usage | unknown command or option, missing or extra argument, conflicting flags, unknown target |
 * | 3 | bad number | a count, size or bound that is not an integer in the allowed range |
 * | 4 | missing file | a file the command needs is not there |
 * | 5 | target failed | a target's bundle failed to build or to run on its host |
 * | 6 | no entropy | the default generator could not be seeded (`ERR_NO_ENTROPY`) |
 * | 7 | trap | `run`: the function trapped (unreachable, out-of-bounds access, stack overflow) |
 * | 8 | timeout | `run`: the function passed its deadline (`--timeout`) and was stopped |
 * | 9 | memory | `run`: the function hit its memory cap (`--memory`) |
 * | 10 | exit | `run`: the function exited with a non-zero status (`proc_exit(n)`, n printed) |
 * | 11 | function error | `run`: the function reported an error (a thrown exception, Teaclave's `bail!`) |
 * | 12 | invalid payload | `run`: the payload or an argument value is unusable at run time (malformed module, missing entry) |
 * | 13 | link | `run`: the module imports something the host does not provide |
 * | 14 | io | `run`: the function opened an input or output it was not given |
 * | 15 | limit | `run`: an output or a captured stream passed its cap |
 * | 16 | cache | `cache`: the cache directory cannot be read or changed (not a directory, permission denied) |
 *
 * A run that was cancelled or failed inside the executor (kinds `cancelled`, `internal`) is 1.
 */

/** The stable exit codes, by kind. */
export const EXIT = Object.freeze({
  ok: 0,
  internal: 1,
  usage: 2,
  badNumber: 3,
  missingFile: 4,
  targetFailed: 5,
  noEntropy: 6,
  trap: 7,
  timeout: 8,
  memory: 9,
  exit: 10,
  functionError: 11,
  invalidPayload: 12,
  link: 13,
  io: 14,
  limit: 15,
  cache: 16,
} as const);

/** One line for `--help`: every code and its kind. */
export const EXIT_CODES_HELP =
  'Exit codes: 0 ok, 1 internal error, 2 usage, 3 bad number, 4 missing file, 5 a target failed, 6 no entropy; ' +
  '`run`: 7 trap, 8 timeout, 9 memory cap, 10 non-zero exit, 11 function error, 12 invalid payload, 13 link, 14 io, 15 limit; `cache`: 16 cache directory unusable.';

/** The kind of a failure the command reports. */
export type ExitKind = Exclude<keyof typeof EXIT, 'ok'>;

/** A failure to report as one line on stderr, ending the process with `EXIT[kind]`. */
export class CliError extends Error {
  readonly kind: ExitKind;
  constructor(kind: ExitKind, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.kind = kind;
  }

  /** The process exit code of this failure. */
  get exitCode(): number {
    return EXIT[this.kind];
  }
}

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
} as const);

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

/**
 * The `failure` record of the component's WIT world, and the conversion of a thrown error into
 * one. A component export must never let an arbitrary exception escape: ComponentizeJS can only
 * lower a thrown value that has the shape of the declared error type, and anything else traps
 * and leaves the instance unusable.
 */

export interface Failure {
  code: string;
  message: string;
}

/** The thrown error as a `failure`, keeping its stable `code` when it has one. */
export function toFailure(error: unknown): Failure {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'ERR_INTERNAL',
    message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
  };
}

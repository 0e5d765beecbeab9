/**
 * Errors of `@shimkit/executors`.
 *
 * Everything wrong with a function registration, a task or an executor registration is thrown as
 * an `ExecutorError` with a stable `code` BEFORE anything runs (Teaclave checks the same things in
 * `Task::<Create>::new`, `types/src/task_state.rs`, but reports them as text). Faults of a call
 * that did run (a trap, a timeout, an exit) are never thrown: they come back as a typed
 * `{ ok: false, kind }` result (see `result.ts`).
 */

/** Stable codes; programs test these, messages may change. */
export type ExecutorErrorCode =
  | 'ERR_UNKNOWN_EXECUTOR'
  | 'ERR_EXECUTOR_EXISTS'
  | 'ERR_INVALID_EXECUTOR'
  | 'ERR_INVALID_FUNCTION'
  | 'ERR_UNKNOWN_FUNCTION'
  | 'ERR_UNDECLARED_ARGUMENT'
  | 'ERR_ARGUMENT_NOT_OVERRIDABLE'
  | 'ERR_MISSING_ARGUMENT'
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_UNDECLARED_INPUT'
  | 'ERR_MISSING_INPUT'
  | 'ERR_UNDECLARED_OUTPUT'
  | 'ERR_MISSING_OUTPUT'
  | 'ERR_INPUT_TOO_LARGE'
  | 'ERR_INVALID_LIMITS'
  | 'ERR_INVALID_MODULE'
  | 'ERR_UNSUPPORTED_MODULE'
  | 'ERR_INVALID_OPTIONS'
  | 'ERR_INVALID_ENGINE_PARTS'
  | 'ERR_INVALID_CACHE_KEY';

/** A registration, task or option is invalid; nothing was run. */
export class ExecutorError extends Error {
  readonly code: ExecutorErrorCode;
  constructor(code: ExecutorErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExecutorError';
    this.code = code;
  }
}

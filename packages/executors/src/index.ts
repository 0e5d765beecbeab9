/**
 * `@shimkit/executors` — run users' functions the way Apache Teaclave's function executors do,
 * on the shimkit substrate (time from `@shimkit/os-shim`, randomness from `@shimkit/entropy`).
 *
 * This entry holds the function model (registrations, tasks, the runtime, typed results), the
 * registry, the builtin executor, the wasm executor and our WASI preview-1 host with its
 * in-memory file system. Node-only parts live on their own subpaths: `./host-dir` (a host
 * directory as the guest's file system) and `./worker` (calls in worker threads with deadlines).
 */

export { ExecutorError, type ExecutorErrorCode } from './errors.js';
export {
  type ArgumentValue,
  type DeclaredArgument,
  type DeclaredFile,
  defineFunction,
  type FunctionArgument,
  type FunctionDefinition,
  type FunctionFile,
  type FunctionSpec,
} from './function.js';
export { createTask, DEFAULT_MAX_INPUT_BYTES, type Task, type TaskSpec } from './task.js';
export { DEFAULT_MAX_OUTPUT_BYTES, FunctionRuntime, type InputStream, type OutputStream } from './runtime.js';
export { type CallFailure, type CallResult, type CallSuccess, type FaultKind, FunctionFault, type Usage } from './result.js';
export type { CallLimits, Executor, ExecutorCall, ExecutorReturn } from './executor.js';
export { type Clock, entropyRandom, fixedClock, osClock, type RandomSource } from './sources.js';
export {
  createRegistry,
  DEFAULT_MEMORY_BYTES,
  DEFAULT_STREAM_BYTES,
  ExecutorRegistry,
  type RegistryOptions,
  type RunOptions,
} from './registry.js';
export {
  BUILTIN_FUNCTIONS,
  type BuiltinExecutorOptions,
  type BuiltinFunction,
  builtinExecutor,
  builtinFunctionSpec,
  privateJoinAndComputeSpec,
} from './builtin/index.js';

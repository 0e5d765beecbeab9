/**
 * `@shimkit/executors` — run users' functions the way Apache Teaclave's function executors do,
 * on the shimkit substrate (time from `@shimkit/os-shim`, randomness from `@shimkit/entropy`).
 *
 * This entry holds the function model (registrations, tasks, the runtime, typed results), the
 * registry, the builtin executor, the wasm executor and our WASI preview-1 host with its
 * in-memory file system, and the js executor (QuickJS-NG on that host). Node-only parts live on their own subpaths: `./host-dir` (a host
 * directory as the guest's file system) and `./worker` (the wasm worker pool: calls in worker threads with deadlines and a bounded queue), `./python` (the Pyodide executor; the
 * default registry loads it on the first python call).
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
export { capVariant, compileCapped, inThreadRunner, type WasmExecutorOptions, type WasmRunner, wasmExecutor } from './wasm/executor.js';
export { classify, jobFault, runWasmJob, unknownImports, type WasmJob, type WasmJobResult } from './wasm/job.js';
export { type CappedModule, capModuleMemory, MemoryCapError, WASM_PAGE } from './wasm/module-limits.js';
export { flattenArguments, TEACLAVE_IMPORTS } from './wasm/teaclave-abi.js';
export { defaultSleep, WASI_PREVIEW1_FUNCTIONS, WasiHost, type WasiOptions } from './wasi/host.js';
export { ProcExit } from './wasi/context.js';
export { MemoryFileSystem, type MemoryFileSystemOptions } from './wasi/fs-memory.js';
export type { FileSystem, FsDirent, FsHandle, FsOpenOptions, FsStat } from './wasi/fs.js';
export { Errno, ErrnoError } from './wasi/errno.js';
export { ALL_RIGHTS, Clockid, DIR_RIGHTS, FILE_RIGHTS, Fdflags, Filetype, Fstflags, Lookupflags, Oflags, Rights, Whence } from './wasi/constants.js';
export { instantiateWarm, type WarmCallResult, type WarmInstance, type WarmOptions } from './wasm/warm-instance.js';
export { type JsCallContext, jsExecutor, type JsExecutorOptions, type JsRunner, runJsCall } from './js/executor.js';
export { type JsJob, type JsJobResult, runJsJob } from './js/job.js';
export { type EngineSource, readInstalledQuickjsWasm } from './js/engine.js';
export { defaultExecutors, lazyPoolRunner, lazyPythonExecutor } from './defaults.js';
export { type CachedModule, ModuleCache, type ModuleCacheOptions, type ModuleCacheStats, moduleDigest, sharedModuleCache } from './cache/module-cache.js';

import { defaultExecutors } from './defaults.js';
import { ExecutorRegistry, type RegistryOptions } from './registry.js';

/**
 * A registry. Without `executors` it has the defaults — `builtin`, `wasm`, `js`, `python` (see
 * `defaultExecutors`); with `executors`, exactly those.
 * @example
 * const registry = createRegistry();               // builtin, wasm, js, python
 * const only = createRegistry({ executors: [wasmExecutor()] });
 */
export function createRegistry(options: RegistryOptions = {}): ExecutorRegistry {
  return new ExecutorRegistry(options.executors === undefined ? { ...options, executors: defaultExecutors() } : options);
}

/**
 * The file piscina loads in each pool worker: CommonJS on purpose, importing the task module
 * (`wasm-task.ts`, ESM) on the first call.
 *
 * Why not hand piscina the ESM file: piscina loads its `filename` with `require()` first, and on
 * Node 20.19+ `require()` of an ES module runs synchronously (`require(esm)`); a worker terminated
 * in that window — a pool closed right after its first call, while the other workers were still
 * loading — aborts the whole process with `FATAL ERROR: v8::Module::IsGraphAsync … must be used on
 * an instantiated module` (seen from `shimkit run`; reproduced by destroying a pool at random times
 * after its start). Loading this CommonJS file is safe, and the `import()` below takes Node's
 * asynchronous ESM path, which a termination stops cleanly.
 */

type TaskModule = typeof import('./wasm-task.js');

let task: Promise<TaskModule> | undefined;

async function runTask(job: Parameters<TaskModule['default']>[0]): ReturnType<TaskModule['default']> {
  task ??= import('./wasm-task.js');
  const loaded = await task;
  return loaded.default(job);
}

export = runTask;

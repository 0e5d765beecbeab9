/**
 * The body of a `python` worker thread (Node): loads Pyodide from the installed `pyodide` package
 * (interpreter and standard library ship in it; nothing is downloaded), runs exactly ONE call, and
 * is then terminated by the pool — so no interpreter state can pass from one task to the next.
 *
 * Start-up (see `snapshots.ts`): the thread compiles `pyodide.asm.wasm` at once, then waits for
 * the parent's `PythonBoot` message — a snapshot to restore (`_loadSnapshot`) or the order to load
 * cold and make one (`_makeSnapshot`), and V8's code cache of `pyodide.asm.js` (`asm-script.ts`).
 * A made snapshot is taken after `SETUP` and before the streams, the interrupt buffer, the runner
 * and the sealing below, and goes back in the ready message.
 *
 * Before Pyodide loads, the thread is sealed:
 * - network: `fetch`, `XMLHttpRequest`, `WebSocket` throw (and are counted, so a test can prove
 *   none was attempted while loading);
 * - memory: every non-shared `WebAssembly.Memory` created here gets the call's cap as its maximum
 *   (Pyodide's heap is such a memory; a worker's `resourceLimits` would not bound it);
 * - randomness: Emscripten's random device (`crypto.randomFillSync` on Node, `getRandomValues`
 *   elsewhere) fills from the thread's random source, so `os.urandom`, `secrets`, `uuid4` and the
 *   seeding of `random` draw from `@shimkit/entropy` (or an injected test generator). What the
 *   interpreter draws while it loads (its string-hash secret, `random`'s import-time seed) comes
 *   from a second instance of the same source (the default generator, or the injected module
 *   imported a second time), and the call's draws from the first instance: so the call sees the
 *   same stream whether its interpreter was loaded cold or restored from a snapshot (a seeded test
 *   generator reproduces every call), and a restored interpreter's draws are its own;
 * - time: `Date.now` and `performance.now` read the thread's clock (Python's `time.time()` and
 *   `time.monotonic()` go through them).
 * After loading: Python's `js` module is an empty object (no host globals), `pyodide_js` is
 * removed, network globals refuse, and code generation from strings (`eval`, the `Function`
 * constructors) is disabled, so `pyodide.code.run_js` and `to_js(...).constructor.constructor`
 * cannot reach the host's globals (`process` stays defined in the thread for its own clock and
 * entropy, but no Python-reachable path names it).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Clock, RandomSource } from '../sources.js';
import { type AsmScriptRun, runAsmScript } from './asm-script.js';
import { DRIVER, SETUP } from './driver.js';
import type { FaultKind } from '../result.js';
import type { PythonBoot, PythonJob, PythonJobResult, PythonReady, PythonWorkerData } from './protocol.js';
import { concatBytes } from '../bytes.js';

const data = workerData as PythonWorkerData;
const require = createRequire(import.meta.url);
const indexURL = `${dirname(require.resolve('pyodide/package.json'))}/`;
// Compile Pyodide's wasm first, so V8 compiles it in the background while this thread imports
// the sources and Pyodide and waits for the parent to read its store; Pyodide's instantiation
// (below) takes the compiled module instead of compiling the same bytes again (the bytes are
// compared in full; anything else goes to the real `instantiate`).
const wasmBytes = readFileSync(join(indexURL, 'pyodide.asm.wasm'));
const compiled = WebAssembly.compile(wasmBytes);
compiled.catch(() => {});
const { entropyRandom, osClock } = await import('../sources.js');
type Sources = { clock?: Clock; random?: RandomSource };
const injected: Sources = data.sources === undefined ? {} : await import(data.sources);
const clock = injected.clock ?? osClock;
/** A second instance of an injected module (a URL with another query is another module instance). */
function secondInstance(sources: string): Promise<Sources> {
  try {
    const url = new URL(sources);
    url.searchParams.set('shimkit-instance', 'load');
    return import(url.href) as Promise<Sources>;
  } catch {
    return Promise.resolve(injected);
  }
}
const loadTime: Sources = data.sources === undefined ? {} : await secondInstance(data.sources);
/** The loading draws from `loadTime`'s source; from the end of the setup on, `random` (the call's). */
let active: RandomSource = loadTime.random ?? entropyRandom;
const random: RandomSource = injected.random ?? entropyRandom;
const port = parentPort!;
const g = globalThis as Record<string, unknown>;

// Network.
let networkAttempts = 0;
const refuse = () => {
  networkAttempts++;
  throw new Error('network access is disabled in the python executor');
};
for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource']) Object.defineProperty(globalThis, name, { value: refuse, writable: false, configurable: false });

// Memory cap.
const RealMemory = WebAssembly.Memory;
const capPages = Math.max(1, Math.floor(data.memoryBytes / 65536));
const CappedMemory = function (this: unknown, desc: WebAssembly.MemoryDescriptor) {
  if ((desc as { shared?: boolean }).shared) return new RealMemory(desc);
  if (desc.initial > capPages) throw new RangeError(`ERR_MEMORY_CAP: the interpreter needs ${desc.initial * 65536} bytes at start, above the cap of ${data.memoryBytes}`);
  return new RealMemory({ ...desc, maximum: Math.min(desc.maximum ?? capPages, capPages) });
} as unknown as typeof WebAssembly.Memory;
CappedMemory.prototype = RealMemory.prototype;
(WebAssembly as { Memory: typeof WebAssembly.Memory }).Memory = CappedMemory;

// Randomness.
const nodeCrypto = require('node:crypto') as { randomFillSync: unknown };
nodeCrypto.randomFillSync = <T extends ArrayBufferView>(view: T): T => active.fill(view);
Object.defineProperty(globalThis.crypto, 'getRandomValues', { value: <T extends ArrayBufferView>(view: T): T => active.fill(view) });

// Time (the load report measures with the real clock, read before it is replaced).
const realNow = performance.now.bind(performance);
Date.now = () => Number(clock.wallNs() / 1_000_000n);
const t0 = clock.monotonicNs();
Object.defineProperty(performance, 'now', { value: () => Number(clock.monotonicNs() - t0) / 1e6 });

const realInstantiate = WebAssembly.instantiate.bind(WebAssembly) as (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => Promise<unknown>;
(WebAssembly as { instantiate: unknown }).instantiate = async (source: BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports) => {
  if (ArrayBuffer.isView(source) && Buffer.from(source.buffer, source.byteOffset, source.byteLength).equals(wasmBytes)) {
    (WebAssembly as { instantiate: unknown }).instantiate = realInstantiate;
    const module = await compiled;
    return { module, instance: await realInstantiate(module, imports) };
  }
  return realInstantiate(source, imports);
};
const { loadPyodide } = await import('pyodide');
// What to start from: the parent sends it once it has read its snapshot store (we booted meanwhile).
const boot = await new Promise<PythonBoot>((resolve) => port.once('message', resolve));
const bootedAt = realNow();
let stdout: Uint8Array[] = [];
let stderr: Uint8Array[] = [];
let streamBytes = 0;
let streamFault: string | undefined;
const sink = (name: 'stdout' | 'stderr') => ({
  write: (buf: Uint8Array) => {
    const list = name === 'stdout' ? stdout : stderr;
    const size = list.reduce((n, c) => n + c.length, 0);
    if (size + buf.length > streamBytes) {
      streamFault ??= `${name} would exceed its cap of ${streamBytes} bytes`;
      if (size < streamBytes) list.push(buf.slice(0, streamBytes - size));
      return buf.length;
    }
    list.push(buf.slice());
    return buf.length;
  },
});
// Pyodide's glue through V8's code cache (see asm-script.ts); loadPyodide then skips importing it.
const asmPath = join(indexURL, 'pyodide.asm.js');
const asm: AsmScriptRun = runAsmScript(readFileSync(asmPath, 'utf8'), asmPath, boot.codeCache);
const restoring = boot.snapshot !== undefined;
const pyodide = await loadPyodide({
  indexURL,
  jsglobals: Object.create(null) as object,
  env: { HOME: '/home/pyodide' },
  args: [],
  fullStdLib: false,
  ...(restoring ? { _loadSnapshot: boot.snapshot! } : boot.makeSnapshot ? { _makeSnapshot: true } : {}),
});
if (!restoring) {
  pyodide.unregisterJsModule('pyodide_js');
  pyodide.runPython(SETUP);
}
// Everything above that changes the interpreter is part of what a snapshot holds: change it and
// bump FORMAT in snapshots.ts (the snapshot key), or stored snapshots of the old setup are restored.
// The snapshot holds the interpreter as set up so far and nothing of this worker or of a call:
// the streams, the interrupt buffer, the runner and the sealing below all come after it.
const snapshot = boot.makeSnapshot && !restoring ? pyodide.makeMemorySnapshot() : undefined;
active = random;
pyodide.setStdout(sink('stdout'));
pyodide.setStderr(sink('stderr'));
const interrupt = new Uint8Array(data.interrupt);
pyodide.setInterruptBuffer(interrupt);
const runner = pyodide.runPython(DRIVER) as unknown as (payload: string, argv: string[], get: (name: string) => Uint8Array | undefined, outs: string[]) => { toJs(o: object): [string, Map<string, Uint8Array>]; destroy(): void };

// Seal the thread's JavaScript side. Python reaches JavaScript only through what Pyodide hands it
// (the empty `js` module, proxies of values it converts), so with code generation from strings off
// it cannot name a global. `process` stays: this thread's clock and entropy read it.
for (const name of ['require', 'module', 'global']) {
  try {
    delete g[name];
  } catch {
    g[name] = undefined;
  }
}
const noStrings = () => {
  throw new EvalError('code generation from strings is disabled in the python executor');
};
Object.defineProperty(globalThis, 'eval', { value: noStrings, writable: false, configurable: false });
for (const proto of [Function.prototype, Object.getPrototypeOf(async function () {}), Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(async function* () {})]) {
  Object.defineProperty(proto, 'constructor', { value: noStrings, writable: false, configurable: false });
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function classify(e: unknown): { kind: FaultKind; message: string } {
  const text = e instanceof Error ? e.message : String(e);
  const last = text.trim().split('\n').at(-1) ?? text;
  if (/^KeyboardInterrupt/mu.test(last)) return { kind: 'timeout', message: 'the call passed its deadline (interpreter interrupted)' };
  if (/^MemoryError/mu.test(last) || /out of memory|Cannot enlarge memory|Aborted\(OOM\)/iu.test(text)) return { kind: 'memory', message: `the script ran out of memory under its cap: ${last}` };
  if (/^RecursionError/mu.test(last)) return { kind: 'trap', message: `stack overflow: ${last}` };
  if (e instanceof WebAssembly.RuntimeError) return { kind: 'trap', message: `interpreter trap: ${text}` };
  return { kind: 'error', message: last };
}

port.on('message', (job: PythonJob) => {
  stdout = [];
  stderr = [];
  streamBytes = job.streamBytes;
  streamFault = undefined;
  let result: PythonJobResult;
  try {
    let payload: string;
    try {
      payload = decoder.decode(job.payload);
    } catch {
      throw Object.assign(new Error('the payload is not UTF-8 Python source'), { invalid: true });
    }
    const r = runner(payload, job.argv, (name) => job.inputs[name], job.outputs);
    const [value, outputs] = r.toJs({ dict_converter: (entries: Iterable<[string, Uint8Array]>) => new Map(entries) });
    r.destroy();
    result = streamFault === undefined ? { ok: true, value, outputs: Object.fromEntries(outputs), stdout: concatBytes(stdout), stderr: concatBytes(stderr) } : { ok: false, kind: 'limit', message: streamFault, stdout: concatBytes(stdout), stderr: concatBytes(stderr) };
  } catch (e) {
    const c = (e as { invalid?: boolean }).invalid ? { kind: 'invalid' as const, message: (e as Error).message } : classify(e);
    result = { ok: false, ...c, stdout: concatBytes(stdout), stderr: concatBytes(stderr) };
  }
  port.postMessage(result);
});
const codeCache = boot.makeCodeCache || asm.cachedDataRejected ? asm.createCachedData() : undefined;
const ready: PythonReady = {
  ready: true,
  networkAttempts,
  indexURL,
  heapBytes: (pyodide as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.buffer.byteLength,
  start: restoring ? 'restored' : snapshot === undefined ? 'cold' : 'cold-made-snapshot',
  loadMs: realNow() - bootedAt,
  ...(snapshot === undefined ? {} : { snapshot }),
  ...(codeCache === undefined ? {} : { codeCache }),
  codeCacheRejected: asm.cachedDataRejected,
};
port.postMessage(ready, [snapshot?.buffer, codeCache?.buffer].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));


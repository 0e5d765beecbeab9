/**
 * The guest side of the `js` executor: source evaluated inside each fresh QuickJS context before
 * the function's script. It receives the host functions as arguments (they never become globals),
 * replaces `Math.random` and installs `crypto.getRandomValues` / `crypto.randomUUID` on the call's
 * random source, installs a `console` on the captured streams, and returns `run`, which calls the
 * script's `entrypoint` and reports how it ended.
 *
 * Conventions (see the README):
 * - an ES module exporting `entrypoint(args, ctx)`: `args` is the arguments object;
 * - a script (no `export`) declaring a global `entrypoint(argv, ctx)`: `argv` is Teaclave's
 *   flattened list `[key0, value0, key1, value1, …]`.
 * `ctx` reads inputs and writes outputs by name: `ctx.read(name)` → Uint8Array,
 * `ctx.readText(name)` → string, `ctx.write(name, data)` appends a string (UTF-8) or bytes,
 * `ctx.inputs` / `ctx.outputs` list the bound names, `ctx.argv` is the flattened list.
 * The return value (or what its promise resolves to) is the result: a string as is, `undefined`
 * as "", anything else as JSON.
 */

export const BOOTSTRAP = String.raw`(function (hostRandom, hostInput, hostWrite, hostPrint, hostDone) {
  'use strict';
  const randomBytes = (n) => new Uint8Array(hostRandom(n));
  const define = (obj, name, value) => Object.defineProperty(obj, name, { value, writable: true, configurable: true, enumerable: false });
  define(Math, 'random', function random() {
    const b = randomBytes(7);
    // 53 random bits (26 high, 27 low) / 2^53: uniform in [0, 1).
    const hi = (b[0] << 18) | (b[1] << 10) | (b[2] << 2) | (b[3] >>> 6);
    const lo = ((b[3] & 0x3f) << 21) | (b[4] << 13) | (b[5] << 5) | (b[6] >>> 3);
    return (hi * 2 ** 27 + lo) / 2 ** 53;
  });
  const integerArrays = [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array];
  const crypto = {
    getRandomValues(array) {
      if (!integerArrays.some((C) => array instanceof C)) throw new TypeError('crypto.getRandomValues: argument must be an integer TypedArray');
      if (array.byteLength > 65536) throw new RangeError('crypto.getRandomValues: QuotaExceededError: at most 65536 bytes per call');
      new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
      return array;
    },
    randomUUID() {
      const b = randomBytes(16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
      return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
    },
  };
  define(globalThis, 'crypto', Object.freeze(crypto));
  const show = (args) => args.map((a) => (typeof a === 'string' ? a : (() => { try { return JSON.stringify(a) ?? String(a); } catch { return String(a); } })())).join(' ') + '\n';
  define(globalThis, 'console', Object.freeze({
    log: (...a) => hostPrint(1, show(a)),
    info: (...a) => hostPrint(1, show(a)),
    error: (...a) => hostPrint(2, show(a)),
    warn: (...a) => hostPrint(2, show(a)),
  }));
  const describe = (e) => {
    if (e instanceof Error) return (e.name || 'Error') + ': ' + e.message;
    try { return 'uncaught: ' + String(e); } catch { return 'uncaught exception'; }
  };
  return function run(namespace, args, argv, inputs, outputs) {
    const ctx = Object.freeze({
      argv: Object.freeze(argv.slice()),
      inputs: Object.freeze(inputs.slice()),
      outputs: Object.freeze(outputs.slice()),
      read: (name) => new Uint8Array(hostInput(String(name), false)),
      readText: (name) => hostInput(String(name), true),
      write: (name, data) => {
        if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new TypeError('ctx.write: data must be a string or a Uint8Array');
        hostWrite(String(name), data);
      },
    });
    Promise.resolve(namespace)
      .then((ns) => {
        const fromModule = ns !== null && ns !== undefined && typeof ns.entrypoint === 'function';
        const fn = fromModule ? ns.entrypoint : globalThis.entrypoint;
        if (typeof fn !== 'function') throw new TypeError('the script defines no entrypoint function (export function entrypoint(args, ctx), or a global function entrypoint(argv, ctx) in a script)');
        return fromModule ? fn(args, ctx) : fn(argv, ctx);
      })
      .then(
        (v) => hostDone(true, typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v)),
        (e) => hostDone(false, describe(e)),
      );
  };
})`;

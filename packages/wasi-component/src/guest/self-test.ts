/**
 * A conformance-style check of the linked backend, run inside the component, where the real
 * WASI imports are. It follows the MUSTs of `@shimkit/os-shim/contract` that the vitest
 * conformance suite (`@shimkit/os-shim/conformance`) checks, with the same bounds, but it cannot
 * be that suite: vitest does not run inside a StarlingMonkey guest. Checks that compare the
 * clocks with the host's own clocks are made by the host test through the `clocks` export.
 *
 * Each check resolves or throws; the report lists every check by name with its outcome, and the
 * host test asserts the list.
 */

import type { Os } from '@shimkit/os-shim';

export interface CheckResult {
  name: string;
  ok: boolean;
  detail?: string;
}

const MS = 1_000_000n;

function fail(message: string): never {
  throw new Error(message);
}

function check(cond: boolean, message: string): void {
  if (!cond) fail(message);
}

/** `fn` must throw synchronously an instance of `cls` with `code`. */
function expectArgError(fn: () => unknown, cls: typeof TypeError | typeof RangeError, code: string, what: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (error) {
    thrown = error;
  }
  check(thrown instanceof cls, `${what}: expected ${cls.name} ${code}, got ${String(thrown)}`);
  const got = (thrown as { code?: string }).code;
  check(got === code, `${what}: expected code ${code}, got ${got}`);
}

/** One turn of StarlingMonkey's event loop (a timer task), as the conformance suite's `nextIteration`. */
const nextIteration = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

async function iterations(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await nextIteration();
}

function detachedBytes(): Uint8Array {
  const view = new Uint8Array(16);
  structuredClone(view.buffer, { transfer: [view.buffer] });
  return view;
}

function checks(os: Os): [string, () => void | Promise<void>][] {
  return [
    ['names the wasi backend', () => check(os.name === 'wasi', `name is ${os.name}`)],
    [
      'monotonicNs returns bigint and never goes back',
      () => {
        let last = os.time.monotonicNs();
        check(typeof last === 'bigint', `typeof ${typeof last}`);
        for (let i = 0; i < 5000; i++) {
          const now = os.time.monotonicNs();
          check(now >= last, `went back from ${last} to ${now}`);
          last = now;
        }
      },
    ],
    [
      'sleepNs resolves no earlier than asked',
      async () => {
        const t0 = os.time.monotonicNs();
        await os.time.sleepNs(25n * MS);
        const slept = os.time.monotonicNs() - t0;
        check(slept >= 25n * MS, `25 ms sleep took ${slept} ns`);
        const t1 = os.time.monotonicNs();
        await os.time.sleepNs(10_000_000);
        check(os.time.monotonicNs() - t1 >= 10n * MS, '10 ms sleep (number) ended early');
        await os.time.sleepNs(0);
      },
    ],
    [
      'sleepNs rejects bad arguments synchronously',
      () => {
        const { time } = os;
        expectArgError(() => time.sleepNs(-1), RangeError, 'ERR_OUT_OF_RANGE', 'sleepNs(-1)');
        expectArgError(() => time.sleepNs(-1n), RangeError, 'ERR_OUT_OF_RANGE', 'sleepNs(-1n)');
        expectArgError(() => time.sleepNs(1.5), RangeError, 'ERR_OUT_OF_RANGE', 'sleepNs(1.5)');
        expectArgError(() => time.sleepNs(Number.NaN), RangeError, 'ERR_OUT_OF_RANGE', 'sleepNs(NaN)');
        expectArgError(() => time.sleepNs(2 ** 60), RangeError, 'ERR_OUT_OF_RANGE', 'sleepNs(2^60)');
        expectArgError(() => time.sleepNs('5' as never), TypeError, 'ERR_INVALID_ARG_TYPE', "sleepNs('5')");
        expectArgError(() => time.sleepNs(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'sleepNs()');
      },
    ],
    [
      'wallNs is a bigint after 2020',
      () => {
        const wall = os.time.wallNs();
        check(typeof wall === 'bigint', `typeof ${typeof wall}`);
        check(wall > 1_577_836_800n * 1_000_000_000n, `wallNs ${wall}`);
      },
    ],
    [
      'cycles() is a uint32 that changes between consecutive calls',
      () => {
        let prev = os.cpu.cycles();
        for (let i = 0; i < 2000; i++) {
          const next = os.cpu.cycles();
          check(Number.isInteger(next) && next >= 0 && next < 2 ** 32, `cycles() returned ${next}`);
          check(next !== prev, `cycles() returned ${next} twice in a row`);
          prev = next;
        }
      },
    ],
    [
      'no CPU RNG and no AES accelerator',
      () => {
        check(os.cpu.rdrand === undefined, 'rdrand present');
        check(os.cpu.rdseed === undefined, 'rdseed present');
        check(os.cpu.aes256Ctr === undefined, 'aes256Ctr present');
      },
    ],
    [
      'fill writes every byte of the view and nothing outside it',
      () => {
        const random = os.random ?? fail('random is absent');
        const n = (1 << 20) + 3;
        const backing = new Uint8Array(n + 16).fill(0xa5);
        const view = backing.subarray(8, 8 + n);
        view.fill(0);
        random.fill(view);
        for (let i = 0; i < 8; i++) {
          check(backing[i] === 0xa5 && backing[8 + n + i] === 0xa5, `guard byte ${i} was written`);
        }
        let zeros = 0;
        for (let start = 0; start < n; start += 65_536) {
          let stretchZeros = 0;
          const end = Math.min(n, start + 65_536);
          for (let i = start; i < end; i++) if (view[i] === 0) stretchZeros++;
          check(stretchZeros < ((end - start) / 256) * 1.6 + 16, `${stretchZeros} zero bytes in [${start}, ${end})`);
          zeros += stretchZeros;
        }
        check(zeros > n / 256 / 2 && zeros < (n / 256) * 1.3, `${zeros} zero bytes in ${n}`);
      },
    ],
    [
      'fill accepts zero and small odd lengths, and two fills differ',
      () => {
        const random = os.random ?? fail('random is absent');
        random.fill(new Uint8Array(0));
        for (const len of [1, 7, 33]) random.fill(new Uint8Array(len));
        const a = new Uint8Array(32);
        const b = new Uint8Array(32);
        random.fill(a);
        random.fill(b);
        check(a.some((x, i) => x !== b[i]), 'two 32-byte fills are equal');
        check(a.some((x) => x !== 0), 'a 32-byte fill is all zero');
      },
    ],
    [
      'fill rejects bad arguments',
      () => {
        const random = os.random ?? fail('random is absent');
        expectArgError(() => random.fill('abc' as never), TypeError, 'ERR_INVALID_ARG_TYPE', "fill('abc')");
        expectArgError(() => random.fill(new ArrayBuffer(8) as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'fill(ArrayBuffer)');
        expectArgError(() => random.fill(new Uint16Array(4) as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'fill(Uint16Array)');
        expectArgError(() => random.fill(undefined as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'fill()');
        expectArgError(() => random.fill(detachedBytes()), TypeError, 'ERR_DETACHED_BUFFER', 'fill(detached)');
      },
    ],
    ...(['atEnterIter', 'atExitIter'] as const).flatMap((which): [string, () => Promise<void>][] => [
      [
        `${which} hooks run once per loop iteration and stop after unregister`,
        async () => {
          let calls = 0;
          const off = os.main[which](() => {
            calls++;
          });
          await nextIteration();
          const before = calls;
          const k = 40;
          await iterations(k);
          const ran = calls - before;
          check(ran >= k - 1 && ran <= k + 1, `${ran} calls in ${k} iterations`);
          off();
          off();
          await nextIteration();
          const stopped = calls;
          await iterations(10);
          check(calls === stopped, `${calls - stopped} calls after unregister`);
        },
      ],
      [
        `${which} runs every registered hook and rejects a non-function`,
        async () => {
          const seen: string[] = [];
          const offA = os.main[which](() => void seen.push('a'));
          const offB = os.main[which](() => void seen.push('b'));
          await iterations(3);
          offA();
          offB();
          check(seen.filter((s) => s === 'a').length >= 2, `hook a ran ${seen.filter((s) => s === 'a').length} times`);
          check(seen.filter((s) => s === 'b').length >= 2, `hook b ran ${seen.filter((s) => s === 'b').length} times`);
          expectArgError(() => os.main[which](42 as never), TypeError, 'ERR_INVALID_ARG_TYPE', `${which}(42)`);
        },
      ],
    ]),
    [
      'argv is an array of strings',
      () => {
        const argv = os.env.argv();
        check(Array.isArray(argv), 'argv is not an array');
        for (const a of argv) check(typeof a === 'string', `argv holds ${typeof a}`);
      },
    ],
    [
      'onShutdownRequest registers and unregisters, rejecting a non-function',
      () => {
        const off = os.lifecycle.onShutdownRequest(() => {});
        check(typeof off === 'function', 'no unregister function');
        off();
        off();
        expectArgError(() => os.lifecycle.onShutdownRequest(null as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'onShutdownRequest(null)');
      },
    ],
    [
      'exit rejects a code outside [0, 255] without exiting',
      () => {
        const { lifecycle } = os;
        expectArgError(() => lifecycle.exit(256), RangeError, 'ERR_OUT_OF_RANGE', 'exit(256)');
        expectArgError(() => lifecycle.exit(-1), RangeError, 'ERR_OUT_OF_RANGE', 'exit(-1)');
        expectArgError(() => lifecycle.exit(1.5), RangeError, 'ERR_OUT_OF_RANGE', 'exit(1.5)');
        expectArgError(() => lifecycle.exit('0' as never), TypeError, 'ERR_INVALID_ARG_TYPE', "exit('0')");
      },
    ],
    [
      'console.log writes a line and rejects a non-string',
      () => {
        os.console.log('shimkit wasi self-test: console line');
        expectArgError(() => os.console.log(5 as never), TypeError, 'ERR_INVALID_ARG_TYPE', 'log(5)');
      },
    ],
  ];
}

/** Runs every check in order; never throws. */
export async function runSelfTest(os: Os): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const [name, fn] of checks(os)) {
    try {
      await fn();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, detail: error instanceof Error ? error.message : String(error) });
    }
  }
  return results;
}

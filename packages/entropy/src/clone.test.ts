/**
 * Issue 10 point 3 (entropy side): the runtime subscribes to the backend's optional
 * `os.lifecycle.onClone` when it starts, reseeds from fresh sources before serving the next byte
 * after a signal (as `notifyClone()` does), and unsubscribes on `stop()`.
 */
import type { CloneKind, Unregister } from '@shimkit/os-shim/contract';
import { describe, expect, it } from 'vitest';
import { jsAes256Ctr } from './aes-ctr.js';
import { EntropyRuntime } from './runtime.js';
import { deterministicOs, hex } from './test-support.js';

/** A lifecycle with onClone, as a backend that can tell (os-unix snapshot, os-xen resume) has it. */
function cloneSignal() {
  const hooks = new Set<(kind: CloneKind) => void>();
  return {
    hooks,
    fire: (kind: CloneKind) => {
      for (const h of [...hooks]) h(kind);
    },
    onClone(hook: (kind: CloneKind) => void): Unregister {
      hooks.add(hook);
      return () => void hooks.delete(hook);
    },
  };
}

describe('clone and resume detection through os.lifecycle.onClone', () => {
  it('subscribes at start, reseeds before the next byte after a signal, unsubscribes on stop', () => {
    const signal = cloneSignal();
    const a = new EntropyRuntime(deterministicOs('vm', { lifecycle: { onClone: (h) => signal.onClone(h) } }), { aes: jsAes256Ctr, log: () => {} });
    const b = new EntropyRuntime(deterministicOs('vm'), { aes: jsAes256Ctr, log: () => {} });
    expect(a.status().cloneSignal).toEqual({ subscribed: false, source: 'os.lifecycle.onClone', last: null });
    expect(signal.hooks.size).toBe(0);
    a.initialize();
    b.initialize();
    expect(signal.hooks.size).toBe(1);
    expect(a.status().cloneSignal.subscribed).toBe(true);
    // Same inputs, same state: what two processes started from one snapshot would print.
    expect(hex(a.randomBytes(16))).toBe(hex(b.randomBytes(16)));
    signal.fire('snapshot-restore');
    const nextB = b.randomBytes(64); // what a's buffer would have handed out without the signal
    const nextA = a.randomBytes(64);
    expect(hex(nextA)).not.toBe(hex(nextB));
    for (let i = 0; i + 8 <= 64; i += 8) expect(hex(nextB).includes(hex(nextA.subarray(i, i + 8)))).toBe(false);
    const st = a.status();
    expect(st.clones).toBe(1);
    expect(st.fortuna.directReseeds).toBe(2);
    expect(st.cloneSignal).toEqual({ subscribed: true, source: 'os.lifecycle.onClone', last: 'snapshot-restore' });
    signal.fire('resume');
    a.randomBytes(1);
    expect(a.status()).toMatchObject({ clones: 2, cloneSignal: { last: 'resume' } });
    a.stop();
    expect(signal.hooks.size).toBe(0);
    expect(a.status().cloneSignal.subscribed).toBe(false);
    // Starting again subscribes again.
    a.randomBytes(1);
    expect(signal.hooks.size).toBe(1);
    a.stop();
    b.stop();
  });

  it('a backend without onClone: source none; notifyClone() still works', () => {
    const rt = new EntropyRuntime(deterministicOs('plain'), { log: () => {} });
    rt.initialize();
    expect(rt.status().cloneSignal).toEqual({ subscribed: false, source: 'none', last: null });
    rt.notifyClone();
    rt.randomBytes(1);
    expect(rt.status()).toMatchObject({ clones: 1, cloneSignal: { last: 'notifyClone' } });
    rt.stop();
  });
});

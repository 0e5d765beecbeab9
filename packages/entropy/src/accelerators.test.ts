/**
 * Issue 10 point 2: each accelerator is probed once against a known answer (computed by the
 * pure-JS primitive at probe time) before use; a missing, throwing, wrong or key-modifying one
 * means the pure-JS path with the same bytes, and `status()` says which path and why.
 */
import { os } from '@shimkit/os-shim';
import { describe, expect, it } from 'vitest';
import { linkedAes256Ctr, linkedChacha20, probeAes256Ctr, probeChacha20 } from './accelerators.js';
import { type Aes256Ctr, jsAes256Ctr } from './aes-ctr.js';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
import { EntropyRuntime } from './runtime.js';
import { deterministicOs, hex } from './test-support.js';

const chachaCases: [string, ChaCha20Keystream, string][] = [
  [
    'throws at probe time',
    () => {
      throw new Error('error:0308010C:digital envelope routines::unsupported');
    },
    'known-answer probe threw: error:0308010C:digital envelope routines::unsupported',
  ],
  ['returns wrong bytes', (k, n, c, d) => jsChacha20(k, n, c + 1, d), 'known-answer probe failed: its keystream differs from @noble/ciphers ChaCha20'],
  ['leaves the last partial block unwritten', (k, n, c, d) => jsChacha20(k, n, c, d.subarray(0, 128)), 'known-answer probe failed: its keystream differs from @noble/ciphers ChaCha20'],
  [
    'modifies its key',
    (k, n, c, d) => {
      jsChacha20(k, n, c, d);
      k[0] = k[0]! ^ 1;
    },
    'known-answer probe failed: the accelerator modified its key or nonce',
  ],
];

const aesCases: [string, Aes256Ctr, string][] = [
  [
    'throws at probe time',
    () => {
      throw new Error('unsupported');
    },
    'known-answer probe threw: unsupported',
  ],
  [
    'wraps the counter at 2^64 instead of 2^128',
    (k, c, d) => {
      // Correct until the low 64 bits wrap, then wrong: the probe crosses the 2^128 wrap.
      const blocks = Math.ceil(d.length / 16);
      const ctr = c.slice();
      for (let b = 0; b < blocks; b++) {
        jsAes256Ctr(k, ctr, d.subarray(b * 16, Math.min(d.length, b * 16 + 16)));
        for (let i = 15; i >= 8; i--) if (++ctr[i]! <= 255 && ctr[i] !== 0) break;
      }
    },
    'known-answer probe failed: its keystream differs from @noble/ciphers AES-256-CTR',
  ],
  [
    'modifies its counter',
    (k, c, d) => {
      jsAes256Ctr(k, c, d);
      c[15] = 0;
    },
    'known-answer probe failed: the accelerator modified its key or counter',
  ],
];

describe('accelerator probes', () => {
  it('the linked os-unix accelerators pass their probes', () => {
    expect(probeAes256Ctr(os.cpu, 'unix', () => {}).status).toEqual({ path: 'accelerator', reason: 'known-answer probe passed' });
    expect(probeChacha20(os.cpu, 'unix', () => {}).status).toEqual({ path: 'accelerator', reason: 'known-answer probe passed' });
    expect(linkedAes256Ctr({ cycles: () => 1 })).toBeUndefined();
    expect(linkedChacha20({ cycles: () => 1 })).toBeUndefined();
  });

  for (const [label, accel, reason] of chachaCases) {
    it(`a ChaCha20 accelerator that ${label} is not used; same bytes from pure JS; status says why`, () => {
      const log: string[] = [];
      const rt = new EntropyRuntime(deterministicOs('probe', { cpu: { chacha20: accel } }), { aes: jsAes256Ctr, log: (l) => void log.push(l) });
      const twin = new EntropyRuntime(deterministicOs('probe'), { aes: jsAes256Ctr, log: () => {} });
      expect(rt.status().serving.accelerators.chacha20).toEqual({ path: 'not-probed', reason: 'probed at first use' });
      const st = rt.initialize();
      expect(st.serving.accelerators.chacha20).toEqual({ path: 'javascript', reason });
      expect(log).toEqual([`@shimkit/entropy: the ChaCha20 accelerator is not used (${reason}); using @noble/ciphers (same bytes)`]);
      for (const n of [16, 4000, 5000, 100]) expect(hex(rt.randomBytes(n))).toBe(hex(twin.randomBytes(n)));
      rt.stop();
      twin.stop();
    });
  }

  for (const [label, accel, reason] of aesCases) {
    it(`an AES-256-CTR accelerator that ${label} is not used; same bytes from pure JS; status says why`, () => {
      const rt = new EntropyRuntime(deterministicOs('probe', { cpu: { aes256Ctr: accel } }), { chacha: jsChacha20, log: () => {} });
      const twin = new EntropyRuntime(deterministicOs('probe'), { chacha: jsChacha20, log: () => {} });
      const st = rt.initialize();
      expect(st.serving.accelerators.aes256Ctr).toEqual({ path: 'javascript', reason });
      expect(st.serving.accelerated).toBe(false);
      for (const n of [16, 70_000]) expect(hex(rt.randomBytes(n))).toBe(hex(twin.randomBytes(n)));
      rt.stop();
      twin.stop();
    });
  }

  it('a backend without accelerators says so', () => {
    const rt = new EntropyRuntime(deterministicOs('none'), { log: () => {} });
    expect(rt.initialize().serving.accelerators).toEqual({
      aes256Ctr: { path: 'javascript', reason: 'the unix backend has no os.cpu.aes256Ctr' },
      chacha20: { path: 'javascript', reason: 'the unix backend has no os.cpu.chacha20' },
    });
    rt.stop();
  });

  it('probes once, at first use, not at construction', () => {
    let calls = 0;
    const counting: ChaCha20Keystream = (k, n, c, d) => {
      calls++;
      jsChacha20(k, n, c, d);
    };
    const rt = new EntropyRuntime(deterministicOs('once', { cpu: { chacha20: counting } }), { log: () => {} });
    expect(calls).toBe(0);
    rt.randomBytes(8);
    expect(calls).toBe(2); // the probe, then the first batch
    rt.stop();
    rt.randomBytes(8);
    expect(calls).toBe(3); // no new probe after stop(): one more batch
    rt.stop();
  });
});

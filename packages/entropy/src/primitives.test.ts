/**
 * The published ChaCha20, AES-256 and SHA-256 vectors, run against the primitive paths the
 * generators use: both ChaCha20 keystreams (`jsChacha20` on @noble/ciphers and the backend's
 * `os.cpu.chacha20`, ChaChaFront), both AES-256-CTR keystreams
 * (`jsAes256Ctr` and the backend's `os.cpu.aes256Ctr`, Fortuna), @noble/hashes' `sha256`
 * (Fortuna's SHA-256d). The three messages of 0.5–1.6 GB are in `primitives.slow.test.ts`.
 */
import { readFileSync } from 'node:fs';
import { ecb } from '@noble/ciphers/aes.js';
import { chacha20 } from '@noble/ciphers/chacha.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { os } from '@shimkit/os-shim';
import { describe, expect, it } from 'vitest';
import { type Aes256Ctr, jsAes256Ctr } from './aes-ctr.js';
import { linkedChacha20 } from './accelerators.js';
import { type ChaCha20Keystream, jsChacha20 } from './chacha20.js';
import { hex } from './test-support.js';

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../test/vectors/${name}`, import.meta.url), 'utf8')) as T;
const bytes = (hex: string): Uint8Array => new Uint8Array(Buffer.from(hex, 'hex'));
const xor = (a: Uint8Array, b: Uint8Array): Uint8Array => a.map((x, i) => x ^ b[i]!);

interface ChaChaFile {
  blockFunction: { name: string; key: string; nonce: string; counter: number; block: string }[];
  encryption: { name: string; key: string; nonce: string; counter: number; plaintext: string; ciphertext: string; keystream?: string }[];
}
interface AesCase { name: string; key: string; plaintext: string; ciphertext: string }
interface AesFile {
  fips197: AesCase[];
  ecb: AesCase[];
  ctr: { name: string; key: string; initialCounter: string; plaintext: string; ciphertext: string }[];
  cavpEcbKat: AesCase[];
}
export interface ShaCase { name: string; messageAscii?: string; messageHex?: string; messageRepeat?: { byte: string; count: number }; lengthBytes: number; large?: true; digest: string }

describe('ChaCha20 (RFC 8439) through @noble/ciphers chacha20', () => {
  const file = load<ChaChaFile>('chacha20-rfc8439.json');
  it('gives every keystream block', () => {
    expect(file.blockFunction.length).toBe(6);
    for (const c of file.blockFunction) {
      expect(hex(chacha20(bytes(c.key), bytes(c.nonce), new Uint8Array(64), undefined, c.counter)), c.name).toBe(c.block);
    }
  });
  it('encrypts and decrypts every message, including partial final blocks, into a caller buffer', () => {
    expect(file.encryption.length).toBe(4);
    for (const c of file.encryption) {
      const pt = bytes(c.plaintext);
      const out = new Uint8Array(pt.length);
      chacha20(bytes(c.key), bytes(c.nonce), pt, out, c.counter);
      expect(hex(out), c.name).toBe(c.ciphertext);
      expect(hex(chacha20(bytes(c.key), bytes(c.nonce), out, undefined, c.counter)), c.name).toBe(c.plaintext);
      if (c.keystream) expect(hex(chacha20(bytes(c.key), bytes(c.nonce), new Uint8Array(pt.length), undefined, c.counter))).toBe(c.keystream);
    }
  });
});

describe('ChaCha20 (RFC 8439) through both keystream paths of the front', () => {
  const file = load<ChaChaFile>('chacha20-rfc8439.json');
  const linked = linkedChacha20(os.cpu);
  const paths: [string, ChaCha20Keystream][] = [['jsChacha20 (@noble/ciphers)', jsChacha20]];
  if (linked) paths.push(['os.cpu.chacha20 (OpenSSL)', linked]);

  it('has both paths on the unix backend', () => expect(paths.length).toBe(2));

  for (const [name, chacha] of paths) {
    it(`${name}: every keystream block, and every message's keystream`, () => {
      for (const c of file.blockFunction) {
        const out = new Uint8Array(64);
        chacha(bytes(c.key), bytes(c.nonce), c.counter, out);
        expect(hex(out), c.name).toBe(c.block);
      }
      for (const c of file.encryption) {
        const pt = bytes(c.plaintext);
        const ks = new Uint8Array(pt.length);
        chacha(bytes(c.key), bytes(c.nonce), c.counter, ks);
        expect(hex(xor(pt, ks)), c.name).toBe(c.ciphertext);
        if (c.keystream) expect(hex(ks)).toBe(c.keystream);
      }
    });
  }
});

describe('AES-256 (FIPS-197, SP 800-38A, CAVP AESAVS) through both CTR keystream paths', () => {
  const file = load<AesFile>('aes256.json');
  const accel = os.cpu.aes256Ctr;
  const paths: [string, Aes256Ctr][] = [['jsAes256Ctr (@noble/ciphers)', jsAes256Ctr]];
  if (accel) paths.push(['os.cpu.aes256Ctr (node:crypto)', (k, c, d) => accel.call(os.cpu, k, c, d)]);

  it('has both paths on the unix backend', () => expect(paths.length).toBe(2));

  for (const [label, aes] of paths) {
    it(`${label}: every single-block case (the keystream block at counter = plaintext is E_K(plaintext))`, () => {
      const blocks = [...file.fips197, ...file.cavpEcbKat];
      expect(blocks.length).toBe(406);
      for (const c of blocks) {
        const out = new Uint8Array(16);
        aes(bytes(c.key), bytes(c.plaintext), out);
        expect(hex(out), c.name).toBe(c.ciphertext);
      }
      for (const c of file.ecb) {
        const pt = bytes(c.plaintext);
        for (let i = 0; i < pt.length; i += 16) {
          const out = new Uint8Array(16);
          aes(bytes(c.key), pt.subarray(i, i + 16), out);
          expect(hex(out), `${c.name} block ${i / 16}`).toBe(c.ciphertext.slice(2 * i, 2 * i + 32));
        }
      }
    });
    it(`${label}: SP 800-38A F.5.5 CTR-AES256.Encrypt`, () => {
      for (const c of file.ctr) {
        const pt = bytes(c.plaintext);
        const ks = new Uint8Array(pt.length);
        aes(bytes(c.key), bytes(c.initialCounter), ks);
        expect(hex(xor(pt, ks)), c.name).toBe(c.ciphertext);
      }
    });
  }

  it('the CAVP cases in the decrypt direction (@noble/ciphers ecb)', () => {
    for (const c of [...file.fips197, ...file.cavpEcbKat, ...file.ecb]) {
      expect(hex(ecb(bytes(c.key), { disablePadding: true }).decrypt(bytes(c.ciphertext))), c.name).toBe(c.plaintext);
    }
  });
});

describe('SHA-256 (FIPS 180-4, NIST SHA2 additional) through @noble/hashes sha256', () => {
  const file = load<{ cases: ShaCase[] }>('sha256.json');
  it('hashes every message below 1 MB', () => {
    const small = file.cases.filter((c) => !c.large);
    expect(small.length).toBe(13);
    for (const c of small) {
      const msg =
        c.messageHex !== undefined
          ? bytes(c.messageHex)
          : c.messageAscii !== undefined
            ? new Uint8Array(Buffer.from(c.messageAscii, 'latin1'))
            : new Uint8Array(c.messageRepeat!.count).fill(parseInt(c.messageRepeat!.byte, 16));
      expect(msg.length, c.name).toBe(c.lengthBytes);
      expect(hex(sha256(msg)), c.name).toBe(c.digest);
    }
  });
});

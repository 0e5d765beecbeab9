import { createCipheriv, createHash } from 'node:crypto';
import { createUnsafeDeterministicRandom } from '../../test/unsafe-random.mjs';
import { describe, expect, it } from 'vitest';
import { bytes, text, vector } from '../../test/support.js';
import { defineFunction } from '../function.js';
import { createRegistry } from '../registry.js';
import type { CallResult } from '../result.js';
import type { ArgumentValue } from '../function.js';
import { BUILTIN_FUNCTIONS, builtinExecutor, builtinFunctionSpec, privateJoinAndComputeSpec } from './index.js';
import { parseCsv, formatCsvRecord } from './csv.js';

const registry = createRegistry({ executors: [builtinExecutor()], random: createUnsafeDeterministicRandom(bytes('builtins')) });
const fn = (name: string) => defineFunction(builtinFunctionSpec(name)!);
const run = (
  name: string,
  args: Record<string, ArgumentValue> = {},
  inputs: Record<string, Uint8Array> = {},
  outputs: string[] = [],
): Promise<CallResult> => registry.run({ function: fn(name), arguments: args, inputs, outputs });

async function ok(p: Promise<CallResult>) {
  const r = await p;
  if (!r.ok) throw new Error(`${r.kind}: ${r.message}`);
  return r;
}

describe('Teaclave builtins (Teaclave fixtures and expected answers)', () => {
  it('builtin-echo returns the message', async () => {
    expect((await ok(run('builtin-echo', { message: 'Hello Teaclave!' }))).value).toBe('Hello Teaclave!');
    await expect(run('builtin-echo', { message: 42 })).resolves.toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('builtin-password-check finds the password in the exposed list', async () => {
    const inputs = {
      password: vector('teaclave/password_check/password.txt'),
      exposed_passwords: vector('teaclave/password_check/exposed_passwords.txt'),
    };
    expect((await ok(run('builtin-password-check', {}, inputs))).value).toBe('true');
    expect((await ok(run('builtin-password-check', {}, { ...inputs, password: bytes('  not-in-the-list  \r\nsecond') }))).value).toBe('false');
  });

  it('builtin-ordered-set-intersect gives 0101010 / 01101 / "3 common items"', async () => {
    const r = await ok(
      run(
        'builtin-ordered-set-intersect',
        { order: 'ascending' },
        { input_data1: vector('teaclave/ordered_set_intersect/psi0.txt'), input_data2: vector('teaclave/ordered_set_intersect/psi1.txt') },
        ['output_result1', 'output_result2'],
      ),
    );
    expect(r.value).toBe('3 common items');
    expect(text(r.outputs.output_result1!)).toBe('0101010');
    expect(text(r.outputs.output_result2!)).toBe('01101');
  });

  it('builtin-ordered-set-intersect: descending order, bad ordering, bad order argument', async () => {
    const r = await ok(
      run('builtin-ordered-set-intersect', { order: 'desending' }, { input_data1: bytes('ff\n0a\n01\n'), input_data2: bytes('0a\n02\n') }, [
        'output_result1',
        'output_result2',
      ]),
    );
    expect([r.value, text(r.outputs.output_result1!), text(r.outputs.output_result2!)]).toEqual(['1 common items', '010', '10']);
    const bad = await run('builtin-ordered-set-intersect', { order: 'ascending' }, { input_data1: bytes('02\n01\n'), input_data2: bytes('') }, [
      'output_result1',
      'output_result2',
    ]);
    expect(bad).toMatchObject({ ok: false, kind: 'error', message: 'input "input_data1": Invalid ordering' });
    const order = await run('builtin-ordered-set-intersect', { order: 'sideways' }, { input_data1: bytes(''), input_data2: bytes('') }, [
      'output_result1',
      'output_result2',
    ]);
    expect(order).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('builtin-ordered-set-join reproduces Teaclave\'s gbdt training file, "120 records"', async () => {
    const r = await ok(
      run(
        'builtin-ordered-set-join',
        { left_column: 0, right_column: 0, ascending: true, drop: true },
        { input_data1: vector('teaclave/ordered_set_join/join0.csv'), input_data2: vector('teaclave/ordered_set_join/join1.csv') },
        ['output_result'],
      ),
    );
    expect(r.value).toBe('120 records');
    expect(text(r.outputs.output_result!).trim()).toBe(text(vector('teaclave/gbdt_training/train.txt')).trim());
  });

  it('builtin-ordered-set-join keeps the left key without drop, and quotes fields that need it', async () => {
    const r = await ok(
      run(
        'builtin-ordered-set-join',
        { left_column: 1, right_column: 0, ascending: true, drop: false },
        { input_data1: bytes('x,1\n"a,b",2\ny,3\n'), input_data2: bytes('2,"say ""hi"""\n3,z\n') },
        ['output_result'],
      ),
    );
    expect(r.value).toBe('2 records');
    expect(text(r.outputs.output_result!)).toBe('"a,b",2,"say ""hi"""\ny,3,z\n');
    await expect(
      run('builtin-ordered-set-join', { left_column: 5, right_column: 0, ascending: true, drop: true }, { input_data1: bytes('a\n'), input_data2: bytes('a\n') }, [
        'output_result',
      ]),
    ).resolves.toMatchObject({ ok: false, kind: 'error', message: 'invalid index' });
    await expect(
      run('builtin-ordered-set-join', { left_column: 0, right_column: 0, ascending: true, drop: true }, { input_data1: bytes(''), input_data2: bytes('a\n') }, [
        'output_result',
      ]),
    ).resolves.toMatchObject({ ok: false, kind: 'error', message: 'input1 is empty' });
  });

  it('builtin-private-join-and-compute sums the common clients of three banks', async () => {
    const f = defineFunction(privateJoinAndComputeSpec(3));
    const r = await registry.run({
      function: f,
      arguments: { num_user: 3 },
      inputs: {
        input_data0: vector('teaclave/private_join_and_compute/three_party_data/bank_a.txt'),
        input_data1: vector('teaclave/private_join_and_compute/three_party_data/bank_b.txt'),
        input_data2: vector('teaclave/private_join_and_compute/three_party_data/bank_c.txt'),
      },
      outputs: ['output_data0', 'output_data1', 'output_data2'],
    });
    expect(r).toMatchObject({ ok: true, value: '3 users join the task in total.' });
    if (!r.ok) return;
    // c: 30000 + 40000 + 400000; e: 5000000 + 3000 + 30000 (a, d, x, y are not in all three).
    for (const k of ['output_data0', 'output_data1', 'output_data2']) expect(text(r.outputs[k]!)).toBe('c, 470000\ne, 5033000\n');
    const one = await registry.run({ function: f, arguments: { num_user: 1 }, inputs: { input_data0: bytes(''), input_data1: bytes(''), input_data2: bytes('') }, outputs: ['output_data0', 'output_data1', 'output_data2'] });
    expect(one).toMatchObject({ ok: false, kind: 'error', message: 'The demo requires at least two parties!' });
  });

  it('builtin_online_decrypt: Teaclave\'s AES-256-GCM and AES-128-GCM vectors → "Hello Teaclave!"', async () => {
    const a = await ok(
      run('builtin_online_decrypt', {
        key: 'aqUdgZ0lJnuz9yiPkoDxM6ZcTcVVpd4KKLqzbHD88Lg=',
        nonce: 'AAECAwQFBgcICQoL',
        encrypted_data: 'CaZd8qSMMlBp8SjSXj2I4dQIuC9KkZ5DI/ATo1sWJw==',
        algorithm: 'aes256gcm',
      }),
    );
    expect(a.value).toBe('Hello Teaclave!');
    const b = await ok(
      run('builtin-online-decrypt', {
        key: 'aqUdgZ0lJnuz9yiPkoDxMw==',
        nonce: 'AAECAwQFBgcICQoL',
        encrypted_data: 'OqMscYqxk1CshHQZulTrrDlJjS/v6BE/clWJyTerUw==',
        algorithm: 'aes128gcm',
      }),
    );
    expect(b.value).toBe('Hello Teaclave!');
    const tampered = await run('builtin_online_decrypt', {
      key: 'aqUdgZ0lJnuz9yiPkoDxMw==',
      nonce: 'AAECAwQFBgcICQoL',
      encrypted_data: 'OqMscYqxk1CshHQZulTrrDlJjS/v6BE/clWJyTerUA==',
      algorithm: 'aes128gcm',
    });
    expect(tampered).toMatchObject({ ok: false, kind: 'error', message: 'decryption error' });
    await expect(run('builtin_online_decrypt', { key: 'x', nonce: 'x', encrypted_data: 'x', algorithm: 'rot13' })).resolves.toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('builtin_online_decrypt: AES-CBC with PKCS#7, cross-checked with node:crypto', async () => {
    for (const [alg, keyLen, nodeAlg] of [['aes128cbc', 16, 'aes-128-cbc'], ['aes256cbc', 32, 'aes-256-cbc']] as const) {
      const key = createHash('sha256').update(alg).digest().subarray(0, keyLen);
      const iv = createHash('sha256').update('iv').digest().subarray(0, 16);
      const plain = 'Grüße aus dem Enclave — ' + alg;
      const c = createCipheriv(nodeAlg, key, iv);
      const enc = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      const r = await ok(run('builtin_online_decrypt', { key: key.toString('base64'), nonce: iv.toString('base64'), encrypted_data: enc.toString('base64'), algorithm: alg }));
      expect(r.value).toBe(plain);
    }
  });
});

describe('shimkit builtins', () => {
  it('builtin-digest: SHA-256 / SHA-512 streamed over 200 KiB, equal to node:crypto', async () => {
    const data = createUnsafeDeterministicRandom(bytes('digest')).randomBytes(200 * 1024 + 3);
    for (const algorithm of ['sha256', 'sha512']) {
      const r = await ok(run('builtin-digest', { algorithm }, { input: data }, ['digest']));
      const want = createHash(algorithm).update(data).digest();
      expect(r.value).toBe(want.toString('hex'));
      expect(Buffer.from(r.outputs.digest!)).toEqual(want);
    }
    // FIPS 180-4 example "abc".
    expect((await ok(run('builtin-digest', {}, { input: bytes('abc') }))).value).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    await expect(run('builtin-digest', { algorithm: 'md5' }, { input: bytes('') })).resolves.toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('builtin-random-bytes and builtin-uuid draw from the injected generator', async () => {
    const seeded = (seed: string) => createRegistry({ executors: [builtinExecutor()], random: createUnsafeDeterministicRandom(bytes(seed)) });
    const rb = await seeded('r').run({ function: fn('builtin-random-bytes'), arguments: { length: 16 }, outputs: ['random_bytes'] });
    const expected = createUnsafeDeterministicRandom(bytes('r')).randomBytes(16);
    expect(rb).toMatchObject({ ok: true, value: Buffer.from(expected).toString('hex') });
    if (rb.ok) expect(rb.outputs.random_bytes).toEqual(expected);
    const u = await seeded('u').run({ function: fn('builtin-uuid'), arguments: { count: 3 } });
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    const ids = u.value.split('\n');
    expect(ids).toHaveLength(3);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/u);
    const raw = createUnsafeDeterministicRandom(bytes('u')).randomBytes(16);
    raw[6] = (raw[6]! & 0x0f) | 0x40;
    raw[8] = (raw[8]! & 0x3f) | 0x80;
    expect(ids[0]!.replaceAll('-', '')).toBe(Buffer.from(raw).toString('hex'));
    await expect(run('builtin-random-bytes', { length: 2 ** 20 + 1 })).resolves.toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('the default random source is @shimkit/entropy (two draws differ, full length)', async () => {
    const r = createRegistry({ executors: [builtinExecutor()] });
    const a = await r.run({ function: fn('builtin-random-bytes') });
    const b = await r.run({ function: fn('builtin-random-bytes') });
    expect(a.ok && b.ok && a.value.length === 64 && a.value !== b.value).toBe(true);
  });

  it('an unknown builtin name is kind invalid', async () => {
    const f = defineFunction({ name: 'builtin-nope', executorType: 'builtin' });
    await expect(registry.run({ function: f })).resolves.toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('every builtin spec is a valid registration', () => {
    for (const b of BUILTIN_FUNCTIONS) expect(defineFunction(b.spec).name).toBe(b.name);
  });
});

describe('CSV as the Rust csv crate reads and writes it', () => {
  it('parses quotes, CRLF and blank lines', () => {
    expect(parseCsv('a,"b,""c"""\r\n\r\nd,\n')).toEqual([['a', 'b,"c"'], ['d', '']]);
    expect(parseCsv('"open')).toBeUndefined();
  });
  it('quotes only what needs it', () => {
    expect(formatCsvRecord(['a', 'b c', 'x"y', 'l\nm'])).toBe('a,b c,"x""y","l\nm"\n');
    expect(formatCsvRecord([''])).toBe('""\n');
  });
});

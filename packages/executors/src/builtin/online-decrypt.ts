/**
 * `builtin_online_decrypt` (Teaclave `function/src/online_decrypt.rs`; its name has underscores
 * there, `builtin-online-decrypt` is accepted too): decrypts a base64 ciphertext given as an
 * argument and returns the UTF-8 plaintext.
 *
 * Arguments: `key`, `nonce`, `encrypted_data` (standard base64), `algorithm`:
 * - "aes128gcm" / "aes256gcm" — Teaclave's: AES-GCM (NIST SP 800-38D) with a 16-byte tag appended
 *   to the ciphertext, no associated data; the first 12 bytes of `nonce` are the IV;
 * - "aes128cbc" / "aes256cbc" — ours: AES-CBC (SP 800-38A) with PKCS#7 padding; `nonce` is the
 *   16-byte IV. CBC has no integrity check: use it only for data already authenticated.
 * Primitives from @noble/ciphers. A wrong key, tag or padding is "decryption error".
 */

import { cbc, gcm } from '@noble/ciphers/aes.js';
import { FunctionFault } from '../result.js';
import { base64Decode, utf8Decode } from '../text.js';
import { type BuiltinFunction, stringArg } from './function.js';

const KEY_BYTES: Record<string, number> = { aes128gcm: 16, aes256gcm: 32, aes128cbc: 16, aes256cbc: 32 };

function b64(call: Parameters<BuiltinFunction['run']>[0], key: string): Uint8Array {
  const v = base64Decode(stringArg(call, key));
  if (v === undefined) throw new FunctionFault('invalid', `argument "${key}" is not standard base64`);
  return v;
}

export const onlineDecrypt: BuiltinFunction = {
  name: 'builtin_online_decrypt',
  aliases: ['builtin-online-decrypt'],
  spec: {
    name: 'builtin_online_decrypt',
    description: 'Native Online Decrypt',
    executorType: 'builtin',
    arguments: [{ key: 'key' }, { key: 'nonce' }, { key: 'encrypted_data' }, { key: 'algorithm' }],
  },
  run(call) {
    const algorithm = stringArg(call, 'algorithm');
    const keyLen = KEY_BYTES[algorithm];
    if (keyLen === undefined) throw new FunctionFault('invalid', `Invalid algorithm "${algorithm}" (aes128gcm, aes256gcm, aes128cbc, aes256cbc)`);
    const key = b64(call, 'key');
    const nonce = b64(call, 'nonce');
    const data = b64(call, 'encrypted_data');
    if (key.length !== keyLen) throw new FunctionFault('error', `decryption error: ${algorithm} needs a ${keyLen}-byte key, got ${key.length}`);
    let plain: Uint8Array;
    try {
      if (algorithm.endsWith('gcm')) {
        if (nonce.length < 12) throw new Error('short nonce');
        plain = gcm(key, nonce.subarray(0, 12)).decrypt(data);
      } else {
        if (nonce.length !== 16) throw new Error('bad iv');
        plain = cbc(key, nonce).decrypt(data);
      }
    } catch {
      throw new FunctionFault('error', 'decryption error');
    }
    const s = utf8Decode(plain);
    if (s === undefined) throw new FunctionFault('error', 'base64 decoded error: the plaintext is not UTF-8');
    return s;
  },
};

/** The engine id: canonical encoding, its SHA-256 prefix (checked against node:crypto), and every rejected input. */

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support.js';
import { CACHE_FORMAT_VERSION, engineId, runtimeEngineParts } from './engine-id.js';

const sha256Prefix = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex').slice(0, 32);

describe('engineId', () => {
  it('is the first 16 bytes of SHA-256 over sorted key=value lines', () => {
    expect(engineId({ v8: '11.3', node: '20.20.2', pages: 256, strict: true })).toBe(sha256Prefix('node=20.20.2\npages=256\nstrict=true\nv8=11.3\n'));
    expect(engineId({ a: 'x' })).toBe(sha256Prefix('a=x\n'));
    expect(engineId({ a: 'x' })).toMatch(/^[0-9a-f]{32}$/);
  });

  it('ignores key order; a number and its string are the same part; any change gives another id', () => {
    expect(engineId({ b: 1, a: 'é' })).toBe(engineId({ a: 'é', b: '1' }));
    const base = engineId({ node: '20.20.2', executors: '0.0.0' });
    expect(engineId({ node: '20.20.1', executors: '0.0.0' })).not.toBe(base);
    expect(engineId({ node: '20.20.2', executors: '0.0.1' })).not.toBe(base);
    expect(engineId({ node: '20.20.2', executors: '0.0.0', pages: 1 })).not.toBe(base);
  });

  it('rejects what would make the encoding ambiguous, with ERR_INVALID_ENGINE_PARTS', () => {
    expect(codeOf(() => engineId({}))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ 'a=b': 'c' }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ 'a\nb': 'c' }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ '': 'c' }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ a: 'x\ny' }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ a: 'x\r' }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ a: Number.NaN }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId({ a: null as unknown as string }))).toBe('ERR_INVALID_ENGINE_PARTS');
    expect(codeOf(() => engineId(null as never))).toBe('ERR_INVALID_ENGINE_PARTS');
    // '=' inside a value is fine: the key ends at the first '='.
    expect(engineId({ a: 'b=c' })).toBe(sha256Prefix('a=b=c\n'));
  });
});

describe('runtimeEngineParts', () => {
  it('names Node, V8, the executors version and the format version', () => {
    expect(runtimeEngineParts('1.2.3')).toEqual({ node: process.versions.node, v8: process.versions.v8, executors: '1.2.3', format: String(CACHE_FORMAT_VERSION) });
    expect(codeOf(() => runtimeEngineParts(''))).toBe('ERR_INVALID_ENGINE_PARTS');
  });
});

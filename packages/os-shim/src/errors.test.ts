import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets.js';
import { NoBackendError, OsRandomError, ShimkitRangeError, ShimkitTypeError } from './errors.js';

describe('errors', () => {
  it('NoBackendError has a stable code and names the alias and every backend', () => {
    const e = new NoBackendError(PRESETS);
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('ERR_NO_BACKEND');
    expect(e.name).toBe('NoBackendError');
    expect(e.message).toContain('Alias "@shimkit/os-shim"');
    expect(e.message).toContain("rollupAlias('unix')");
    expect(e.message).toContain('Backends: unix → @shimkit/os-unix, xen → @shimkit/os-xen, solo5 → @shimkit/os-solo5, wasi → @shimkit/os-unix/wasi, web → @shimkit/os-web.');
    for (const { name, module } of PRESETS) expect(e.message).toContain(`${name} → ${module}`);
  });

  it('argument errors extend the built-in classes and carry their code', () => {
    const t = new ShimkitTypeError('ERR_DETACHED_BUFFER', 'x');
    expect(t).toBeInstanceOf(TypeError);
    expect(t.code).toBe('ERR_DETACHED_BUFFER');
    const r = new ShimkitRangeError('y');
    expect(r).toBeInstanceOf(RangeError);
    expect(r.code).toBe('ERR_OUT_OF_RANGE');
    const o = new OsRandomError('z', { cause: 5 });
    expect(o.code).toBe('ERR_OS_RANDOM');
    expect(o.cause).toBe(5);
  });
});

import { describe, expect, it } from 'vitest';
import { BACKEND_PACKAGES, NoBackendError, OsRandomError, ShimkitRangeError, ShimkitTypeError } from './errors.js';

describe('errors', () => {
  it('NoBackendError has a stable code and names the alias and every backend', () => {
    const e = new NoBackendError();
    expect(e).toBeInstanceOf(Error);
    expect(e.code).toBe('ERR_NO_BACKEND');
    expect(e.name).toBe('NoBackendError');
    expect(e.message).toContain('Alias "@shimkit/os-shim"');
    expect(e.message).toContain("rollupAlias('unix')");
    for (const [name, pkg] of Object.entries(BACKEND_PACKAGES)) expect(e.message).toContain(`${name} → ${pkg}`);
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

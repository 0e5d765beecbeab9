import { describe, expect, it } from 'vitest';
import { auditBundle } from '@shimkit/testkit/bundle-audit';

describe('auditBundle', () => {
  it('finds free references to Node and Web globals, not locals, properties or comments', () => {
    const code = `
      // process.env and Buffer in a comment are fine
      const o = { process: 1, window: 2 };
      function f(self) { return self + o.window; }
      const g = (window) => window;
      try { f(1); } catch (performance) { g(performance); }
      export const x = setTimeout;
      export function h() { return globalThis.process ?? process.env; }
    `;
    const audit = auditBundle(code);
    expect(audit.references).toEqual({ setTimeout: 1, process: 1 });
    expect(audit.imports).toEqual([]);
  });

  it('finds leftover imports and forbidden text', () => {
    const audit = auditBundle(`import fs from 'node:fs'; export const r = () => require('x'); const c = globalThis.crypto;`);
    expect(audit.imports).toEqual(['node:fs']);
    expect(audit.text).toEqual(['require(', 'node:', 'globalThis.crypto']);
    expect(audit.references).toEqual({ require: 1 });
  });
});

import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytes, codeOf, text, vector, wasm } from '../../test/support.js';
import { MemoryFileSystem } from './fs-memory.js';
import { HostDirFileSystem } from './fs-host-dir.js';
import type { FileSystem } from './fs.js';
import { WasiHost } from './host.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function sandbox(): { outer: string; root: string } {
  const outer = mkdtempSync(join(tmpdir(), 'shimkit-exec-'));
  dirs.push(outer);
  const root = join(outer, 'root');
  mkdirSync(root);
  writeFileSync(join(outer, 'secret.txt'), 'outside the sandbox');
  return { outer, root };
}

function run(module: string, fs: FileSystem, args: string[] = []): { code: number; out: string } {
  const host = new WasiHost({ args: ['probe', ...args], preopens: { '/': fs }, env: {}, stdin: bytes('stdin!') });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm(module) as BufferSource), host.imports as WebAssembly.Imports);
  const code = host.start(instance);
  return { code, out: text(host.stdout()) };
}

describe('host directory file system (Node)', () => {
  it('passes the same C suite as the in-memory file system', () => {
    const { root } = sandbox();
    mkdirSync(join(root, 'input'));
    mkdirSync(join(root, 'output'));
    writeFileSync(join(root, 'input', 'in.txt'), 'hello input');
    writeFileSync(join(root, 'output', 'out.txt'), '');
    chmodSync(join(root, 'input', 'in.txt'), 0o444);
    chmodSync(join(root, 'input'), 0o555);
    const host = new WasiHost({ args: ['suite', 'a', 'b'], env: { GREETING: 'hi' }, stdin: bytes('stdin!'), preopens: { '/': new HostDirFileSystem(root) } });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(wasm('wasi_suite') as BufferSource), host.imports as WebAssembly.Imports);
    expect(host.start(instance)).toBe(0);
    const root0 = process.getuid?.() === 0;
    const want = text(vector('wasi_suite.expected.txt'))
      .trimEnd()
      .split('\n')
      .map((l) =>
        // The host sets times through utimes (microseconds): 5 ns and 6 ns round to 0.
        l === 'times=5,6'
          ? 'times=0,0'
          : // Root ignores permission bits: the read-only input is writable for it.
            root0 && l === 'path_open.input_for_write=2'
            ? 'path_open.input_for_write=0'
            : root0 && l === 'path_create_directory.in_input=2'
              ? 'path_create_directory.in_input=0'
              : l,
      );
    expect(text(host.stdout()).trimEnd().split('\n')).toEqual(want);
    chmodSync(join(root, 'input'), 0o755);
  });

  it('stays inside the directory: no absolute paths, no .., no symlink out (relative or absolute)', () => {
    const { outer, root } = sandbox();
    writeFileSync(join(root, 'inside.txt'), 'in here');
    mkdirSync(join(root, 'sub'));
    symlinkSync('../secret.txt', join(root, 'up'));
    symlinkSync(join(outer, 'secret.txt'), join(root, 'abs'));
    symlinkSync(outer, join(root, 'outerdir'));
    symlinkSync('../inside.txt', join(root, 'sub', 'back'));
    symlinkSync('missing.txt', join(root, 'dangling'));
    const { code, out } = run('open_probe', new HostDirFileSystem(root), [
      'inside.txt',
      '/etc/passwd',
      `${outer}/secret.txt`,
      '../secret.txt',
      'sub/../../secret.txt',
      'up',
      'abs',
      'outerdir/secret.txt',
      'sub/back',
      'dangling',
      'sub/../inside.txt',
    ]);
    expect(code).toBe(0);
    expect(out.split('\n').filter(Boolean)).toEqual([
      'inside.txt=0:in here',
      '/etc/passwd=76',
      `${outer}/secret.txt=76`,
      '../secret.txt=76',
      'sub/../../secret.txt=76',
      'up=76',
      'abs=76',
      'outerdir/secret.txt=76',
      'sub/back=0:in here',
      'dangling=44',
      'sub/../inside.txt=0:in here',
    ]);
  });

  it('the in-memory file system confines the same way', () => {
    const fs = new MemoryFileSystem();
    fs.writeFile(['inside.txt'], bytes('in here'));
    fs.writeFile(['sub', 'x'], bytes(''));
    fs.symlink('../inside.txt', ['sub', 'back']);
    fs.symlink('../../x', ['sub', 'up']);
    const { out } = run('open_probe', fs, ['inside.txt', '/inside.txt', '../x', 'sub/back', 'sub/up']);
    expect(out.split('\n').filter(Boolean)).toEqual(['inside.txt=0:in here', '/inside.txt=76', '../x=76', 'sub/back=0:in here', 'sub/up=76']);
  });

  it('a guest cannot create an absolute symlink on the host', () => {
    const { root } = sandbox();
    const fs = new HostDirFileSystem(root);
    expect(() => fs.symlink('/etc/passwd', ['x'])).toThrow(expect.objectContaining({ errno: 76 }));
    expect(() => lstatSync(join(root, 'x'))).toThrow();
  });

  it('refuses a root that is not a directory', () => {
    const { outer } = sandbox();
    expect(codeOf(() => new HostDirFileSystem(join(outer, 'secret.txt')))).toBe('ERR_INVALID_OPTIONS');
    expect(codeOf(() => new HostDirFileSystem(join(outer, 'nope')))).toBe('ERR_INVALID_OPTIONS');
    expect(readFileSync(join(outer, 'secret.txt'), 'utf8')).toBe('outside the sandbox');
  });
});

import { describe, expect, it } from 'vitest';
import { bytes, text } from '../../test/support.js';
import { Filetype } from './constants.js';
import { MemoryFileSystem } from './fs-memory.js';

const rw = { create: true, exclusive: false, truncate: false, directory: false, read: true, write: true };

describe('MemoryFileSystem', () => {
  it('lays out a task: read-only inputs, writable outputs, outputs read back', () => {
    const fs = MemoryFileSystem.forTask(new Map([['a', bytes('alpha')]]), ['o']);
    expect(fs.readdir(['input']).map((e) => [e.name, e.filetype])).toEqual([['a', Filetype.REGULAR_FILE]]);
    expect(() => fs.open(['input', 'a'], { ...rw, create: false })).toThrow(expect.objectContaining({ errno: 2 }));
    expect(() => fs.unlink(['input', 'a'])).toThrow(expect.objectContaining({ errno: 2 }));
    const h = fs.open(['output', 'o'], { ...rw, create: false });
    h.write(bytes('result'), 0n);
    expect(text(fs.readOutputs(['o', 'missing']).get('o')!)).toBe('result');
    expect(fs.readOutputs(['o', 'missing']).has('missing')).toBe(false);
  });

  it('caps the bytes it holds: ENOSPC past maxBytes, space returned on unlink', () => {
    const fs = new MemoryFileSystem({ maxBytes: 100 });
    const h = fs.open(['f'], rw);
    expect(h.write(new Uint8Array(100), 0n)).toBe(100);
    expect(() => h.write(new Uint8Array(1), 100n)).toThrow(expect.objectContaining({ errno: 51 }));
    fs.unlink(['f']);
    expect(fs.open(['g'], rw).write(new Uint8Array(60), 0n)).toBe(60);
  });

  it('keeps hard links to one inode and counts them', () => {
    const fs = new MemoryFileSystem();
    fs.writeFile(['d', 'f'], bytes('x'));
    fs.link(['d', 'f'], ['g']);
    expect(fs.lstat(['g']).nlink).toBe(2n);
    expect(fs.lstat(['g']).ino).toBe(fs.lstat(['d', 'f']).ino);
    fs.open(['g'], rw).write(bytes('y'), 0n);
    expect(text(fs.readFile(['d', 'f'])!)).toBe('y');
  });

  it('stamps times from its clock', () => {
    let now = 7n;
    const fs = new MemoryFileSystem({ now: () => now });
    fs.writeFile(['f'], bytes(''));
    now = 9n;
    fs.open(['f'], rw).write(bytes('z'), 0n);
    const st = fs.lstat(['f']);
    expect([st.atimNs, st.mtimNs]).toEqual([7n, 9n]);
  });
});

/**
 * The progress reporter of `shimkit bench` on both kinds of stderr: a terminal (one bar redrawn in
 * place, cut to the terminal's width, cleared at the end) and anything else (one line per step).
 */
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress.js';

function sink(isTTY: boolean, columns?: number) {
  const written: string[] = [];
  return { written, isTTY, ...(columns === undefined ? {} : { columns }), write: (t: string) => written.push(t) };
}

describe('ProgressBar', () => {
  it('not a terminal: one line per measurement, nothing for the final update or at the end', () => {
    const s = sink(false);
    const bar = new ProgressBar(s);
    bar.update('generators', 0, 12, 'a @ 16 B');
    bar.update('generators', 11, 12, 'b @ 1 MiB');
    bar.update('generators', 12, 12, 'done');
    bar.end();
    expect(s.written).toEqual(['[generators  1/12] a @ 16 B\n', '[generators 12/12] b @ 1 MiB\n']);
  });

  it('a terminal: the bar is redrawn on one line, filled in proportion, and cleared at the end', () => {
    const s = sink(true, 120);
    const bar = new ProgressBar(s);
    bar.update('default instance', 0, 4, 'x');
    bar.update('default instance', 2, 4, 'y');
    bar.end();
    expect(s.written).toEqual([
      `\r\x1b[2K[${'░'.repeat(24)}]  default instance 1/4  x`,
      `\r\x1b[2K[${'█'.repeat(12)}${'░'.repeat(12)}]  default instance 3/4  y`,
      '\r\x1b[2K',
    ]);
  });

  it('a terminal: a line wider than the terminal is cut with an ellipsis so it never wraps', () => {
    const s = sink(true, 40);
    new ProgressBar(s).update('generators', 0, 66, 'shimkit ChaChaFront(Fortuna) — default front, fill @ 16 B');
    // 40 columns: 39 characters at most (the last column stays free), the 39th an ellipsis.
    expect(s.written).toEqual([`\r\x1b[2K[${'░'.repeat(24)}]  generators…`]);
  });
});

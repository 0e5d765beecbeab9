/**
 * Plain-text tables for terminal output: one header row, columns left-aligned and padded to
 * their widest cell, two spaces between columns, no trailing blanks.
 */

/** `rows` under `header` as aligned text lines (no final newline). */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/**
 * The documentation's links stay valid: every relative link in the root README, the `docs/`
 * pages and the packages' READMEs and docs resolves to a file or directory of the repository, and
 * a `#fragment` into a Markdown file names one of its headings (GitHub's heading ids). Every page
 * under `docs/` is linked from the root README, so none is orphaned.
 *
 * Links are read from the Markdown outside fenced code blocks and inline code: `[text](target)`,
 * `![alt](target)`, and `src="…"` / `href="…"` of inline HTML. External links (a scheme such as
 * `https:` or `mailto:`) are not fetched.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SKIP_DIRS = new Set(['node_modules', 'dist', '.cache', 'build', '.turbo', '.git']);

/** Markdown files under `dir` (recursive), skipping build output and dependencies. */
function markdownUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) out.push(...markdownUnder(join(dir, entry.name)));
    } else if (entry.name.endsWith('.md') && entry.name !== 'CHANGELOG.md') {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/** The files checked: the root README, `docs/**`, and each package's README and `docs/**`. */
function checkedFiles(): string[] {
  const files = [join(ROOT, 'README.md'), ...markdownUnder(join(ROOT, 'docs')), join(ROOT, 'examples', 'README.md')];
  for (const pkg of readdirSync(join(ROOT, 'packages'))) {
    const readme = join(ROOT, 'packages', pkg, 'README.md');
    if (existsSync(readme)) files.push(readme);
    files.push(...markdownUnder(join(ROOT, 'packages', pkg, 'docs')));
  }
  return files.filter((f) => existsSync(f));
}

/** The Markdown without fenced code blocks and (unless kept) inline code spans; same line count. */
function prose(markdown: string, keepInlineCode = false): string {
  const lines = markdown.split('\n');
  let fence: string | null = null;
  return lines
    .map((line) => {
      const open = /^\s*(```+|~~~+)/.exec(line);
      if (fence !== null) {
        if (open && open[1]!.startsWith(fence)) fence = null;
        return '';
      }
      if (open) {
        fence = open[1]!;
        return '';
      }
      return keepInlineCode ? line : line.replace(/(`+)[^`]*?\1/g, '');
    })
    .join('\n');
}

/** Every link target in a Markdown file, with its line number. */
function links(markdown: string): { target: string; line: number }[] {
  const out: { target: string; line: number }[] = [];
  prose(markdown)
    .split('\n')
    .forEach((text, i) => {
      for (const m of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) out.push({ target: m[1]!, line: i + 1 });
      for (const m of text.matchAll(/\b(?:src|href)="([^"]+)"/g)) out.push({ target: m[1]!, line: i + 1 });
    });
  return out;
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/<[^>]+>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The heading ids of a Markdown file, with GitHub's `-1`, `-2` suffixes for repeats. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const ids = new Set<string>();
  for (const line of prose(markdown, true).split('\n')) {
    const h = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!h) continue;
    const base = slug(h[1]!.replace(/[`*]/g, ''));
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    ids.add(n === 0 ? base : `${base}-${n}`);
  }
  return ids;
}

/** `target`'s problem, or null when it resolves. */
function problem(file: string, target: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return null; // https:, mailto:, …
  const [pathPart, fragment] = target.split('#', 2) as [string, string | undefined];
  const path = pathPart === '' ? file : resolve(dirname(file), decodeURIComponent(pathPart));
  if (!path.startsWith(ROOT)) return `points outside the repository (${relative(ROOT, path)})`;
  if (!existsSync(path)) return `no such file: ${relative(ROOT, path)}`;
  if (fragment !== undefined && fragment !== '' && path.endsWith('.md') && statSync(path).isFile()) {
    if (!anchors(readFileSync(path, 'utf8')).has(fragment)) return `no heading #${fragment} in ${relative(ROOT, path)}`;
  }
  return null;
}

describe('documentation links', () => {
  const files = checkedFiles();

  it('checks the root README, every docs page and every package README', () => {
    const names = files.map((f) => relative(ROOT, f).split(sep).join('/'));
    expect(names).toContain('README.md');
    expect(names).toContain('docs/errors.md');
    expect(names).toContain('docs/backends/unix.md');
    expect(names).toContain('packages/entropy/docs/sources-and-health.md');
    expect(names).toContain('packages/os-shim/README.md');
  });

  for (const file of files) {
    it(`every relative link in ${relative(ROOT, file).split(sep).join('/')} resolves`, () => {
      const broken = links(readFileSync(file, 'utf8'))
        .map(({ target, line }) => ({ target, line, why: problem(file, target) }))
        .filter((l) => l.why !== null)
        .map((l) => `line ${l.line}: ${l.target} — ${l.why}`);
      expect(broken).toEqual([]);
    });
  }

  it('every page under docs/ is linked from the root README', () => {
    const readme = join(ROOT, 'README.md');
    const linked = new Set(
      links(readFileSync(readme, 'utf8'))
        .filter(({ target }) => !/^[a-z][a-z0-9+.-]*:/i.test(target))
        .map(({ target }) => resolve(ROOT, decodeURIComponent(target.split('#')[0]!))),
    );
    const orphans = markdownUnder(join(ROOT, 'docs'))
      .filter((page) => !linked.has(page))
      .map((page) => relative(ROOT, page));
    expect(orphans).toEqual([]);
  });
});

describe('the link checker itself', () => {
  it('finds inline links and images, not links inside code', () => {
    const md = ['See [a](x.md) and ![b](img/y.svg "title").', '`[c](not-a-link.md)`', '```', '[d](in-a-fence.md)', '```', '<img src="z.png">'].join('\n');
    expect(links(md)).toEqual([
      { target: 'x.md', line: 1 },
      { target: 'img/y.svg', line: 1 },
      { target: 'z.png', line: 6 },
    ]);
  });

  it("makes GitHub's heading ids, repeats numbered", () => {
    const md = ['# Security notes / threat model', '## Start-up assessment (SP 800-90B §6.3 predictors)', '## `shimkit run`', '## Tests', '## Tests'].join('\n');
    expect([...anchors(md)]).toEqual(['security-notes--threat-model', 'start-up-assessment-sp-800-90b-63-predictors', 'shimkit-run', 'tests', 'tests-1']);
  });

  it('reports a missing file and a missing heading, and accepts what exists', () => {
    const readme = join(ROOT, 'README.md');
    expect(problem(readme, 'docs/no-such-page.md')).toBe('no such file: docs/no-such-page.md');
    expect(problem(readme, 'docs/errors.md#no-such-heading')).toBe('no heading #no-such-heading in docs/errors.md');
    expect(problem(readme, 'docs/errors.md#error-codes')).toBeNull();
    expect(problem(readme, 'packages/entropy')).toBeNull();
    expect(problem(readme, 'https://example.org/x.md')).toBeNull();
  });
});

/**
 * The `web` host of the examples: a bundle linked for the `web` preset runs as a module script of
 * a page in Debian's Chromium, headless, served on 127.0.0.1 — Chromium launched and the page
 * served by `packages/web-runtimes`' helpers (`launchChromium`, `serve`), the same ones os-web's
 * own Chromium tests use.
 *
 * What the page shows the driving test:
 * - every console message, in order (os-web's `Console` writes one line through
 *   `console.error`, which Chromium forwards over the DevTools protocol);
 * - every error the page did not catch, in the same order (playwright's `pageerror`), and, from
 *   a listener the page installs before the bundle loads, each one's `name`, `code` and
 *   `exitCode`.
 *
 * The example program ends with `os.lifecycle.exit(0)`. A page cannot end itself, so os-web
 * throws `WebExitError` (`ERR_WEB_EXIT`, `exitCode` 0) there, by design: the rest of the task
 * does not run and the page stays open. That error is how the program's end is seen; the run
 * finishes when the page has reported its first uncaught error (or fails after `timeoutMs`).
 */

import { basename, dirname } from 'node:path';
import { launchChromium } from '../../packages/web-runtimes/src/host/chromium.js';
import { serve } from '../../packages/web-runtimes/src/host/serve.js';

/** An error the page did not catch, as its `error` event saw it. */
export interface PageError {
  readonly name: string | null;
  readonly code: string | null;
  readonly exitCode: number | null;
  readonly message: string;
}

/** What one run of a bundle in a Chromium page produced. */
export interface WebRun {
  /** Chromium's version (`major.minor.build.patch`). */
  readonly version: string;
  /** In arrival order: `console.<type> <text>` for each console message, `pageerror <name>: <message>` for each uncaught error. */
  readonly events: readonly string[];
  /** The text of each `console.error` message, in order (os-web's `os.console.log` lines). */
  readonly lines: readonly string[];
  /** The uncaught errors, as the page's own listener recorded them. */
  readonly errors: readonly PageError[];
}

/**
 * The page: a classic script that records uncaught errors (it runs before any module script),
 * then the bundle as a module script. `data:,` as the icon keeps Chromium from requesting
 * `/favicon.ico`, whose 404 would be a console error of its own.
 */
function page(script: string): string {
  return [
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>shimkit example</title>',
    '<script>',
    'window.__shimkitErrors = [];',
    "addEventListener('error', (e) => {",
    '  const x = e.error;',
    "  const pick = (k, type) => (x !== null && typeof x === 'object' && typeof x[k] === type ? x[k] : null);",
    "  window.__shimkitErrors.push({ name: pick('name', 'string'), code: pick('code', 'string'), exitCode: pick('exitCode', 'number'), message: String(pick('message', 'string') ?? e.message) });",
    '});',
    "addEventListener('unhandledrejection', (e) => {",
    '  const x = e.reason;',
    "  window.__shimkitErrors.push({ name: 'unhandledrejection', code: x?.code ?? null, exitCode: null, message: String(x?.message ?? x) });",
    '});',
    '</script>',
    `<script type="module" src="./${script}"></script>`,
  ].join('\n');
}

/**
 * Runs the bundle `file` (a `.js` or `.mjs` file; its directory is served) in a fresh headless
 * Chromium page and returns what the page printed and threw.
 *
 * @throws Error when Chromium is missing (run `scripts/setup.sh`), or when the page reports no
 *   uncaught error within `timeoutMs` (the program never reached `exit`).
 */
export async function runInChromium(file: string, timeoutMs = 60_000): Promise<WebRun> {
  const script = basename(file);
  const server = await serve({ pages: { '/index.html': page(script) }, scriptDir: dirname(file) });
  try {
    const browser = await launchChromium();
    try {
      const tab = await browser.context.newPage();
      const events: string[] = [];
      const lines: string[] = [];
      tab.on('console', (msg) => {
        events.push(`console.${msg.type()} ${msg.text()}`);
        if (msg.type() === 'error') lines.push(msg.text());
      });
      tab.on('pageerror', (error) => events.push(`pageerror ${error.name}: ${error.message}`));
      const thrown = tab.waitForEvent('pageerror', { timeout: timeoutMs });
      await tab.goto(`${server.origin}/index.html`);
      await thrown;
      await tab.waitForFunction(() => (window as { __shimkitErrors?: unknown[] }).__shimkitErrors!.length > 0, undefined, { timeout: timeoutMs });
      const errors = (await tab.evaluate(() => (window as { __shimkitErrors?: unknown[] }).__shimkitErrors)) as PageError[];
      return { version: browser.version, events, lines, errors };
    } finally {
      await browser.close();
    }
  } finally {
    await server.close();
  }
}

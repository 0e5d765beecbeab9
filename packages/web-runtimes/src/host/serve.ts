/**
 * A small static server on 127.0.0.1 for the Chromium tests: a site's pages and its scripts. By
 * default the site of this package's tests: the bundles, three pages (the report in the page, the
 * report in a module Web Worker, the demo); the examples project serves its own (one page and the
 * example bundle). Under `/isolated/` every response carries
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`,
 * which makes the page cross-origin isolated (`crossOriginIsolated === true`), the state in which
 * browsers give a finer `performance.now()`.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { BUNDLE_DIR, PACKAGE_DIR } from './bundles.js';

const PAGES: Record<string, string> = {
  '/page.html': '<!doctype html><meta charset="utf-8"><title>os-web page</title><script type="module" src="./page.js"></script>',
  '/worker.html': '<!doctype html><meta charset="utf-8"><title>os-web worker</title><script type="module" src="./worker-page.js"></script>',
};

/** What a server serves: HTML pages by path, and the JavaScript files of one directory. */
export interface Site {
  /** HTML documents by URL path (`'/page.html'`). */
  readonly pages: Readonly<Record<string, string>>;
  /** The directory whose files `/<name>.js` and `/<name>.mjs` (lower-case letters, digits, `-`) are served. */
  readonly scriptDir: string;
}

/** The site of this package's Chromium tests: the pages above and `bundles/`. */
export function runtimesSite(): Site {
  return { pages: { ...PAGES, '/demo.html': readFileSync(join(PACKAGE_DIR, 'src', 'demo', 'demo.html'), 'utf8') }, scriptDir: BUNDLE_DIR };
}

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function serve(site: Site = runtimesSite()): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    let path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (path.startsWith('/isolated/')) {
      path = path.slice('/isolated'.length);
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    let body: string | Buffer | undefined;
    if (Object.hasOwn(site.pages, path)) body = site.pages[path];
    if (body !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(body);
      return;
    }
    if (/^\/[a-z0-9-]+\.m?js$/.test(path)) {
      try {
        body = readFileSync(join(site.scriptDir, path.slice(1)));
        res.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(body);
        return;
      } catch {
        // fall through to 404
      }
    }
    res.writeHead(404, headers).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A small static server on 127.0.0.1 for the Chromium tests: the bundles, three pages (the
 * report in the page, the report in a module Web Worker, the demo). Under `/isolated/` every
 * response carries `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp`, which makes the page cross-origin isolated
 * (`crossOriginIsolated === true`), the state in which browsers give a finer `performance.now()`.
 */

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { BUNDLE_DIR, PACKAGE_DIR } from './bundles.js';

const PAGES: Record<string, string> = {
  '/page.html': '<!doctype html><meta charset="utf-8"><title>os-web page</title><script type="module" src="./page.js"></script>',
  '/worker.html': '<!doctype html><meta charset="utf-8"><title>os-web worker</title><script type="module" src="./worker-page.js"></script>',
};

export interface StaticServer {
  readonly origin: string;
  close(): Promise<void>;
}

export async function serve(): Promise<StaticServer> {
  const demo = readFileSync(join(PACKAGE_DIR, 'src', 'demo', 'demo.html'), 'utf8');
  const server: Server = createServer((req, res) => {
    let path = new URL(req.url ?? '/', 'http://x').pathname;
    const headers: Record<string, string> = { 'cache-control': 'no-store' };
    if (path.startsWith('/isolated/')) {
      path = path.slice('/isolated'.length);
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    let body: string | Buffer | undefined;
    if (PAGES[path]) body = PAGES[path];
    else if (path === '/demo.html') body = demo;
    if (body !== undefined) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(body);
      return;
    }
    if (/^\/[a-z-]+\.js$/.test(path)) {
      try {
        body = readFileSync(join(BUNDLE_DIR, path.slice(1)));
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

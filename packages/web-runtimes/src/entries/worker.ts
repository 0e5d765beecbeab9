/** The dedicated-worker entry: runs the report in a module Web Worker and posts it to the page. */

import { runReport } from '../probes/report.js';

const scope = globalThis as unknown as { postMessage(message: unknown): void };
runReport({ settleMs: 6000 }).then(
  (report) => scope.postMessage({ report }),
  (error: unknown) => scope.postMessage({ error: String((error as Error)?.stack ?? error) }),
);

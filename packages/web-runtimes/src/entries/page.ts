/** The page entry: runs the report in the page's main thread and leaves it on `window`. */

import { runReport } from '../probes/report.js';

const g = globalThis as { __shimkitReport?: unknown; __shimkitError?: string };
runReport({ settleMs: 6000 }).then(
  (report) => {
    g.__shimkitReport = report;
  },
  (error: unknown) => {
    g.__shimkitError = String((error as Error)?.stack ?? error);
  },
);

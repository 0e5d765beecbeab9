/** The page that starts `worker.js` as a module worker and leaves the worker's report on `window`. */

const g = globalThis as { __shimkitReport?: unknown; __shimkitError?: string };
const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.onmessage = (event: MessageEvent<{ report?: unknown; error?: string }>) => {
  if (event.data.report) g.__shimkitReport = event.data.report;
  else g.__shimkitError = event.data.error ?? 'worker posted nothing';
};
worker.onerror = (event) => {
  g.__shimkitError = `worker error: ${event.message}`;
};

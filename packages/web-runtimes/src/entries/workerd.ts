/** The workerd entry: an ES-module worker whose `fetch` runs the report and answers it as JSON. */

import { runReport } from '../probes/report.js';

export default {
  async fetch(): Promise<Response> {
    const report = await runReport({ settleMs: 3000 });
    return new Response(JSON.stringify(report), { headers: { 'content-type': 'application/json' } });
  },
};

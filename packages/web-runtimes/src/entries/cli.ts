/**
 * The Deno and Bun entry (`deno run cli.js`, `bun run cli.js`): runs the report and prints it as
 * one JSON line on stdout. With the argument `keepalive` it instead registers os-web's loop hooks
 * and starts the entropy runtime's sources, prints how many hook calls it saw, and returns: the
 * runtime must then exit by itself (the hooks' timers are unref'd).
 */

import { initialize } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';
import { runReport } from '../probes/report.js';

const args = ((globalThis as { Deno?: { args: string[] } }).Deno?.args ??
  (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ??
  []) as string[];

if (args[0] === 'keepalive') {
  let calls = 0;
  os.main.atEnterIter(() => void calls++);
  os.main.atExitIter(() => void calls++);
  initialize();
  await new Promise((r) => setTimeout(r, 200));
  console.log(JSON.stringify({ hookCalls: calls }));
} else {
  console.log(JSON.stringify(await runReport({ settleMs: 3000 })));
}

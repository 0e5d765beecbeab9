#!/usr/bin/env node
/**
 * The `shimkit` binary: runs the command line on the process arguments and exits with its code.
 * A reader that closes stdout early (`shimkit rand 1G --raw | head -c 16`) ends it quietly.
 */

import { run } from './cli.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
process.exitCode = code;

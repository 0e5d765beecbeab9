/**
 * The bare-engine program: the main of a Solo5 unikernel whose only link to the world is the
 * host ABI. Bundled by `rollup.config.js` with `@shimkit/os-shim` aliased to this backend, it
 * contains `@shimkit/entropy` and `@shimkit/os-solo5` (with the parts of `@shimkit/os-unikernel`
 * it uses) and nothing else, and runs in QuickJS with no globals but the engine's built-ins and
 * `__shimkitSolo5Host` (see `src/bare-engine.test.ts`).
 *
 * The program is `runBareProgram` from `@shimkit/os-unikernel/bare-program`: it seeds the
 * default generator from the unikernel's sources (RDSEED/RDRAND, timing), prints random bytes
 * and the entropy status through the console ABI, and exits through `solo5_exit`. Lines are
 * prefixed so the test can parse them.
 */

import { initialize, randomBytes, status } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';
import { runBareProgram } from '@shimkit/os-unikernel/bare-program';
import { run } from '@shimkit/os-solo5';

runBareProgram({ os, run, initialize, randomBytes, status });

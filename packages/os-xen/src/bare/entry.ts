/**
 * The bare-engine program: the main of a Xen unikernel whose only link to the world is the
 * host ABI. Bundled by `rollup.config.js` with `@shimkit/os-shim` aliased to this backend, it
 * contains `@shimkit/entropy` and `@shimkit/os-xen` (with the parts of `@shimkit/os-unikernel`
 * it uses) and nothing else, and runs in QuickJS with no globals but the engine's built-ins and
 * `__shimkitXenHost` (see `src/bare-engine.test.ts`).
 *
 * The program is `runBareProgram` from `@shimkit/os-unikernel/bare-program`: it seeds the
 * default generator from the unikernel's sources (RDSEED/RDRAND, timing), prints random bytes,
 * the entropy status and this backend's status through the console ABI, and exits through the
 * shutdown ABI. Lines are prefixed so the test can parse them.
 */

import { initialize, randomBytes, status } from '@shimkit/entropy';
import { os } from '@shimkit/os-shim';
import { runBareProgram } from '@shimkit/os-unikernel/bare-program';
import { status as backendStatus, run } from '@shimkit/os-xen';

runBareProgram({ os, run, initialize, randomBytes, status, backendStatus });

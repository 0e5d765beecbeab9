/**
 * `Env` on Xen: `start_info.cmd_line`, split on ASCII whitespace (`cmdLineEnv` of
 * `@shimkit/os-unikernel/env`).
 */

import type { Env } from '@shimkit/os-shim/contract';
import { cmdLineEnv } from '@shimkit/os-unikernel/env';
import type { XenHost } from '../host.js';

export function createXenEnv(host: XenHost): Env {
  return cmdLineEnv(() => host.cmdLine);
}

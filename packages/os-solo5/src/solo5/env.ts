/**
 * `Env` on Solo5: `solo5_start_info.cmdline`, split on ASCII whitespace (`cmdLineEnv` of
 * `@shimkit/os-unikernel/env`).
 */

import type { Env } from '@shimkit/os-shim/contract';
import { cmdLineEnv } from '@shimkit/os-unikernel/env';
import type { Solo5Host } from '../host.js';

export function createSolo5Env(host: Solo5Host): Env {
  return cmdLineEnv(() => host.cmdline);
}

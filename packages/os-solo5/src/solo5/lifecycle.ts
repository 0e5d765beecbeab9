/**
 * `Lifecycle` on Solo5: `exit(code)` is `solo5_exit(status)`. Solo5 has no shutdown requests,
 * so `onShutdownRequest` hooks are kept, as the contract says, and never called.
 */

import { createLifecycle, type GuestLifecycle } from '@shimkit/os-unikernel/lifecycle';
import type { MainLoop } from '@shimkit/os-unikernel/main';
import type { Solo5Host } from '../host.js';

export function createSolo5Lifecycle(host: Solo5Host, loop: Pick<MainLoop, 'exited'>): GuestLifecycle {
  return createLifecycle(loop, (status) => host.solo5_exit(status));
}

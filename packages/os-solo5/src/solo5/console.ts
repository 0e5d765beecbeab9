/**
 * `Console` on Solo5: `solo5_console_write` with the line as UTF-8 and a newline
 * (`createGuestConsole` of `@shimkit/os-unikernel/console`), also the loop's uncaught-error path.
 */

import { createGuestConsole, type GuestConsole } from '@shimkit/os-unikernel/console';
import type { Solo5Host } from '../host.js';

export function createSolo5Console(host: Solo5Host): GuestConsole {
  return createGuestConsole((bytes) => host.solo5_console_write(bytes));
}

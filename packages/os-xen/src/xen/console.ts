/**
 * `Console` on Xen: `HYPERVISOR_console_io(CONSOLEIO_write)` with the line as UTF-8 and a newline
 * (`createGuestConsole` of `@shimkit/os-unikernel/console`), also the loop's uncaught-error path.
 */

import { createGuestConsole, type GuestConsole } from '@shimkit/os-unikernel/console';
import type { XenHost } from '../host.js';

export function createXenConsole(host: XenHost): GuestConsole {
  return createGuestConsole((bytes) => host.console_io_write(bytes));
}

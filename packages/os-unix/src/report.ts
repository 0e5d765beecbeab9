/**
 * The uncaught-error path of Node (native and fallback paths): an error thrown by a hook is
 * rethrown on the next tick, so it reaches `process.on('uncaughtException')` (or ends the process,
 * as any uncaught exception does) after the other hooks ran.
 */
export function reportUncaught(error: unknown): void {
  process.nextTick(() => {
    throw error;
  });
}

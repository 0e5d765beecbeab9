/** `Console` on the fallback path: the same as the native path (one line to stderr), see `../native/console.ts`. */
export { console } from '../native/console.js';

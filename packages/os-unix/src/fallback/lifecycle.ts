/** `Lifecycle` on the fallback path: the same as the native path (Node's signals and `process.exit`), see `../native/lifecycle.ts`. */
export { lifecycle } from '../native/lifecycle.js';

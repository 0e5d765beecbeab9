/** `Env` on the fallback path: the same as the native path (Node's `process`), see `../native/env.ts`. */
export { env } from '../native/env.js';

// Links @shimkit/os-shim to the unix backend for plain Node, the way a bundler alias does for a
// bundle (`rollupAlias('unix')` from '@shimkit/os-shim/alias'): a module resolve hook that
// replaces exactly "@shimkit/os-shim" with "@shimkit/os-unix". Import this before the library.
import { register } from 'node:module';

register('./resolve-unix.js', import.meta.url);

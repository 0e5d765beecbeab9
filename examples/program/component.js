// The example program for the wasi target: a WebAssembly component (ComponentizeJS) whose
// exports are the functions of wit/world.wit. It imports only @shimkit/entropy; the bundler's
// alias links @shimkit/os-shim to @shimkit/os-unix/wasi.
import { randomBytes, status as entropyStatus } from '@shimkit/entropy';

/** WIT: `generate: func(n: u32) -> list<u8>`. */
export function generate(n) {
  return randomBytes(n);
}

/** WIT: `status: func() -> string`. */
export function status() {
  return JSON.stringify(entropyStatus());
}

/**
 * Joining byte chunks: the one concatenation of the executors' captured streams, staged outputs
 * and rewritten modules.
 */

/**
 * The chunks, in order, in one new array.
 * @param chunks the pieces (not modified).
 * @returns a fresh `Uint8Array` of the summed length (its own `ArrayBuffer`).
 * @example concatBytes([Uint8Array.of(1), Uint8Array.of(2, 3)]); // Uint8Array [1, 2, 3]
 */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

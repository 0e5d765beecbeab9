/**
 * Counts of "context → next symbol" shared by the MultiMMC (§6.3.9) and LZ78Y (§6.3.10)
 * estimates of NIST SP 800-90B: a trie of contexts read backwards from the most recent symbol, so
 * that the contexts of every length ending at one position lie on one path from the root (the
 * node at depth d is the context of the last d symbols). Each node keeps, for the symbols that
 * followed its context, how often each did, and the current prediction: the symbol with the
 * highest count, the largest such symbol on a tie (as NIST's reference tool resolves it).
 *
 * Storage is dense: `width` (the alphabet's largest symbol + 1) child links and counts per node,
 * in typed arrays that double as nodes are added — 8 · width bytes per node, and at most one
 * node per (position, context length) of the input.
 *
 * Whether a node is an entry of the estimate's dictionary (the standard caps dictionary sizes) is
 * the caller's business: a node exists as soon as a path runs through it.
 */

export class ContextCounts {
  /** The root (the empty context). */
  static readonly ROOT = 0;

  readonly width: number;
  #nodes = 1;
  #capacity: number;
  /** children[n * width + s]: the child of node n for symbol s, 0 when absent (0 is the root). */
  #children: Int32Array;
  /** counts[n * width + y]: how often y followed the context of node n. */
  #counts: Uint32Array;
  #best: Int16Array;
  #bestCount: Uint32Array;
  #entry: Uint8Array;

  constructor(width: number, initialNodes = 1024) {
    this.width = width;
    this.#capacity = Math.max(1, initialNodes);
    this.#children = new Int32Array(this.#capacity * width);
    this.#counts = new Uint32Array(this.#capacity * width);
    this.#best = new Int16Array(this.#capacity).fill(-1);
    this.#bestCount = new Uint32Array(this.#capacity);
    this.#entry = new Uint8Array(this.#capacity);
  }

  /** The child of `node` for `symbol`, created when `create` is true (else -1 if absent). */
  child(node: number, symbol: number, create: boolean): number {
    const at = node * this.width + symbol;
    const found = this.#children[at]!;
    if (found !== 0) return found;
    if (!create) return -1;
    if (this.#nodes === this.#capacity) this.#grow();
    const id = this.#nodes++;
    this.#children[at] = id;
    return id;
  }

  isEntry(node: number): boolean {
    return this.#entry[node] === 1;
  }

  markEntry(node: number): void {
    this.#entry[node] = 1;
  }

  /** Whether `y` has been counted after this context. */
  has(node: number, y: number): boolean {
    return this.#counts[node * this.width + y] !== 0;
  }

  /** Counts one more `y` after the context of `node`. */
  increment(node: number, y: number): void {
    const n = ++this.#counts[node * this.width + y]!;
    const bestCount = this.#bestCount[node]!;
    if (n > bestCount || (n === bestCount && y > this.#best[node]!)) {
      this.#best[node] = y;
      this.#bestCount[node] = n;
    }
  }

  /** The most frequent symbol after this context (-1 if none was counted). */
  prediction(node: number): number {
    return this.#best[node]!;
  }

  /** How often the predicted symbol followed this context. */
  predictionCount(node: number): number {
    return this.#bestCount[node]!;
  }

  #grow(): void {
    const capacity = this.#capacity * 2;
    const children = new Int32Array(capacity * this.width);
    children.set(this.#children);
    const counts = new Uint32Array(capacity * this.width);
    counts.set(this.#counts);
    const best = new Int16Array(capacity).fill(-1);
    best.set(this.#best);
    const bestCount = new Uint32Array(capacity);
    bestCount.set(this.#bestCount);
    const entry = new Uint8Array(capacity);
    entry.set(this.#entry);
    this.#children = children;
    this.#counts = counts;
    this.#best = best;
    this.#bestCount = bestCount;
    this.#entry = entry;
    this.#capacity = capacity;
  }
}

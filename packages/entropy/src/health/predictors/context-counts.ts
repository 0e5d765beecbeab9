/**
 * Counts of "context → next symbol" shared by the MultiMMC (§6.3.9) and LZ78Y (§6.3.10)
 * estimates of NIST SP 800-90B: a trie of contexts read backwards from the most recent symbol, so
 * that the contexts of every length ending at one position lie on one path from the root (the
 * node at depth d is the context of the last d symbols). Each node keeps, for the symbols that
 * followed its context, how often each did, and the current prediction: the symbol with the
 * highest count, the largest such symbol on a tie (as NIST's reference tool resolves it; a
 * running maximum updated on each increment gives exactly that, as counts grow one at a time).
 *
 * Storage is dense and flat (typed arrays indexed by node · width + symbol, `width` being the
 * largest symbol + 1) so that the estimators' loops are plain array accesses: they run once at
 * start-up, mostly before the JIT has optimized anything. The arrays double when full; callers
 * read them through the fields after every `node()` call.
 *
 * Whether a node is an entry of the estimate's dictionary (the standard caps dictionary sizes) is
 * the caller's business (`entry`): a node exists as soon as a path runs through it.
 */

export class ContextCounts {
  /** The root (the empty context). */
  static readonly ROOT = 0;

  readonly width: number;
  nodes = 1;
  /** child[n · width + s]: the child of node n for symbol s, 0 when absent (0 is the root). */
  child: Int32Array;
  /** count[n · width + y]: how often y followed the context of node n. */
  count: Uint32Array;
  /** best[n]: the prediction after node n's context (-1 when nothing followed it yet). */
  best: Int16Array;
  /** bestCount[n]: count[n · width + best[n]]. */
  bestCount: Uint32Array;
  /** entry[n]: 1 when node n is an entry of the estimate's dictionary. */
  entry: Uint8Array;

  constructor(width: number, capacity: number) {
    this.width = width;
    const n = Math.max(2, capacity);
    this.child = new Int32Array(n * width);
    this.count = new Uint32Array(n * width);
    this.best = new Int16Array(n).fill(-1);
    this.bestCount = new Uint32Array(n);
    this.entry = new Uint8Array(n);
  }

  /** Makes room for `extra` more nodes (call before a walk that reads the arrays directly). */
  reserve(extra: number): void {
    while (this.nodes + extra > this.best.length) this.#grow();
  }

  /** The child of `node` for `symbol`, created if absent. */
  node(parent: number, symbol: number): number {
    const at = parent * this.width + symbol;
    const found = this.child[at]!;
    if (found !== 0) return found;
    if (this.nodes === this.best.length) this.#grow();
    const id = this.nodes++;
    this.child[at] = id;
    return id;
  }

  /** Counts one more `y` after the context of `node`. */
  increment(node: number, y: number): void {
    const c = ++this.count[node * this.width + y]!;
    if (c > this.bestCount[node]! || (c === this.bestCount[node]! && y > this.best[node]!)) {
      this.best[node] = y;
      this.bestCount[node] = c;
    }
  }

  #grow(): void {
    const n = this.best.length * 2;
    const grow = <T extends Int32Array | Uint32Array | Int16Array | Uint8Array>(a: T, make: (len: number) => T, len: number): T => {
      const b = make(len);
      b.set(a);
      return b;
    };
    this.child = grow(this.child, (l) => new Int32Array(l), n * this.width);
    this.count = grow(this.count, (l) => new Uint32Array(l), n * this.width);
    this.best = grow(this.best, (l) => new Int16Array(l).fill(-1), n);
    this.bestCount = grow(this.bestCount, (l) => new Uint32Array(l), n);
    this.entry = grow(this.entry, (l) => new Uint8Array(l), n);
  }
}

// MerkleTree: an append-only RFC 9162 tree over a LeafHashSource, answering roots and proofs for any past size.
//
// Design, for a log of millions of entries whose leaf hashes live in SQLite:
// - Appending keeps a frontier (the roots of the complete subtrees matching the set bits of the size,
//   O(log n) hashes): `append` costs on average one node hash, `root()` folds the frontier in O(log n),
//   and the right edge of the current tree (which every proof at the latest size needs) comes from it too.
// - Every complete, aligned subtree of 2^L leaves with L >= cacheLevel is kept in one flat array per
//   level, filled as appends complete them. Caching every level would be ~2n hashes, 64 bytes per leaf
//   (640 MB for 10 million leaves); levels >= cacheLevel cost 64 / 2^cacheLevel bytes per leaf.
// - Below cacheLevel, a block of 2^cacheLevel leaves is rebuilt on demand from one read of its leaf
//   hashes (2^cacheLevel - 1 node hashes, about 1 µs each); the 4 most recent blocks stay memoised.
// So rootAt(size) and each proof cost O(log n) lookups plus one or two block rebuilds, whatever n is.
// cacheLevel trades memory (halved per level) against rebuild time (doubled per level). Measured
// (docs/benchmarks.md): level 8 is 0.25 MB per million leaves but ~250 µs per proof; the default, level 6,
// is 1 MB per million leaves (10 MB for 10 million) for ~65 µs per proof; level 0 keeps all 64 MB per
// million and needs no leaf reads. Nothing is persisted: a process rebuilds the cache with `sync()`
// (one pass over the leaf hashes, ~1 µs per leaf).
// The tree trusts the source: leaves it reads must be the ones appended (verify-log.ts checks a stored log).
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { BlockCache } from "./block-cache.js";
import { EMPTY_ROOT, HASH_SIZE, nodeHash } from "./hash.js";
import { HashList, type LeafHashSource } from "./leaf-source.js";
import { consistencyPath, inclusionPath, isPowerOfTwo, splitPoint } from "./mth.js";

export interface MerkleTreeOptions {
  /** Lowest cached level: subtrees of 2^cacheLevel leaves and up are kept in memory. 0..30, default 6. */
  cacheLevel?: number;
}

/** Default lowest cached level: 1 MB of cache per million leaves, blocks of 64 leaves rebuilt per proof. */
export const DEFAULT_CACHE_LEVEL = 6;
const SYNC_CHUNK = 1 << 16;
const copy = (h: Uint8Array): Uint8Array => new Uint8Array(h);

function levelOf(n: number): number {
  let level = 0;
  for (let m = n; m > 1; m /= 2) level++;
  return level;
}

function argumentError(message: string): JikimiError {
  return new JikimiError("merkle_bad_argument", message);
}

/**
 * An incrementally built Merkle tree whose leaf hashes are read back from `source` when needed.
 * @example
 * const leaves = new HashList();
 * const tree = new MerkleTree(leaves);
 * for (const entry of entries) { const h = leafHash(entry); leaves.push(h); tree.append(h); }
 * tree.rootAt(2); tree.inclusionProof(1, 2); tree.consistencyProof(1, 2);
 */
export class MerkleTree {
  readonly cacheLevel: number;
  private readonly blockSize: number;
  private readonly levels: HashList[] = [];
  private readonly frontier: Uint8Array[] = [];
  private readonly frontierStarts: number[] = [];
  private count = 0;
  private currentRoot: Uint8Array | undefined;
  private readonly blocks: BlockCache;

  constructor(
    private readonly source: LeafHashSource,
    options: MerkleTreeOptions = {},
  ) {
    const cacheLevel = options.cacheLevel ?? DEFAULT_CACHE_LEVEL;
    if (!(Number.isInteger(cacheLevel) && cacheLevel >= 0 && cacheLevel <= 30))
      throw argumentError(t("ledger.merkle.cache_level", { value: cacheLevel }));
    this.cacheLevel = cacheLevel;
    this.blockSize = 2 ** cacheLevel;
    this.blocks = new BlockCache((start, end) => this.read(start, end), this.blockSize);
  }

  /**
   * Builds a tree over every leaf the source holds now.
   * @example const tree = MerkleTree.over(HashList.of(hashes));
   */
  static over(source: LeafHashSource, options: MerkleTreeOptions = {}): MerkleTree {
    const tree = new MerkleTree(source, options);
    tree.sync();
    return tree;
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /**
   * Appends the leaves the source holds beyond `size`, reading them in chunks; returns how many.
   * @example leaves.push(h); tree.sync(); // 1
   */
  sync(): number {
    const target = this.source.size();
    const before = this.count;
    for (let start = this.count; start < target; start += SYNC_CHUNK) {
      const end = Math.min(target, start + SYNC_CHUNK);
      const chunk = this.read(start, end);
      for (let i = 0; i < end - start; i++) this.append(chunk.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    }
    return this.count - before;
  }

  /**
   * Appends one leaf hash (the source must hold it at index `size` by the time proofs read it).
   * @example leaves.push(leafHash(entry)); tree.append(leafHash(entry)); tree.root();
   */
  append(leafHash: Uint8Array): void {
    if (leafHash.length !== HASH_SIZE)
      throw argumentError(t("ledger.merkle.leaf_size", { want: HASH_SIZE, got: leafHash.length }));
    if (this.cacheLevel === 0) this.level(0).push(leafHash);
    let node = leafHash;
    let level = 0;
    let start = this.count;
    for (let n = this.count; n % 2 === 1; n = (n - 1) / 2) {
      node = nodeHash(this.frontier.pop() as Uint8Array, node);
      start = this.frontierStarts.pop() as number;
      level++;
      if (level >= this.cacheLevel) this.level(level).push(node);
    }
    this.frontier.push(level === 0 ? copy(leafHash) : node);
    this.frontierStarts.push(start);
    this.count++;
    this.currentRoot = undefined;
  }

  /**
   * Root of the whole tree (the empty root when there are no leaves), in O(log n) after an append.
   * @example tree.root() // 32 bytes
   */
  root(): Uint8Array {
    this.currentRoot ??= this.count === 0 ? EMPTY_ROOT : (this.frontierFold(0) as Uint8Array);
    return copy(this.currentRoot);
  }

  /**
   * MTH of the first `size` leaves (RFC 9162 2.1.1), 0 <= size <= this.size.
   * @example tree.rootAt(0) // EMPTY_ROOT
   */
  rootAt(size: number): Uint8Array {
    this.checkSize(size, "size");
    return size === this.count ? this.root() : copy(this.mth(0, size));
  }

  /**
   * Audit path of leaf `index` in the tree of the first `size` leaves (RFC 9162 2.1.3.1), nearest sibling first.
   * @example verifyInclusion(h, 3, 10, tree.inclusionProof(3, 10), tree.rootAt(10)) // true
   */
  inclusionProof(index: number, size: number = this.count): Uint8Array[] {
    this.checkSize(size, "size");
    if (!(Number.isSafeInteger(index) && index >= 0 && index < size))
      throw argumentError(t("ledger.merkle.leaf_index", { index, size }));
    const out: Uint8Array[] = [];
    inclusionPath(index, 0, size, this.mth, out);
    return out.map(copy);
  }

  /**
   * Consistency proof from the tree of `size1` leaves to the tree of `size2` (RFC 9162 2.1.4.1);
   * empty when size1 is 0 or equals size2.
   * @example verifyConsistency(4, 9, tree.rootAt(4), tree.rootAt(9), tree.consistencyProof(4, 9)) // true
   */
  consistencyProof(size1: number, size2: number = this.count): Uint8Array[] {
    this.checkSize(size2, "size2");
    if (!(Number.isSafeInteger(size1) && size1 >= 0 && size1 <= size2))
      throw argumentError(t("ledger.merkle.size1", { size1, size2 }));
    if (size1 === 0 || size1 === size2) return [];
    const out: Uint8Array[] = [];
    consistencyPath(size1, 0, size2, true, this.mth, out);
    return out.map(copy);
  }

  /**
   * Bytes held by the level cache and the frontier (not the source).
   * @example tree.cacheBytes() // ~10 MB for 10 million leaves at the default cacheLevel 6
   */
  cacheBytes(): number {
    return this.levels.reduce((sum, l) => sum + (l?.byteLength() ?? 0), 0) + this.frontier.length * HASH_SIZE;
  }

  private level(level: number): HashList {
    let list = this.levels[level];
    if (list === undefined) {
      list = new HashList(Math.max(16, Math.ceil(this.count / 2 ** level)));
      this.levels[level] = list;
    }
    return list;
  }

  private checkSize(size: number, name: string): void {
    if (!(Number.isSafeInteger(size) && size >= 0 && size <= this.count))
      throw argumentError(t("ledger.merkle.tree_size", { name, size, count: this.count }));
  }

  // MTH of leaves start..end-1 (end <= this.size): cached when complete and aligned, folded from the
  // frontier on the right edge of the current tree, else rebuilt from the leaves of one block.
  private readonly mth = (start: number, end: number): Uint8Array => {
    const n = end - start;
    if (n === 0) return EMPTY_ROOT;
    if (isPowerOfTwo(n) && start % n === 0) {
      const level = levelOf(n);
      if (level >= this.cacheLevel) return (this.levels[level] as HashList).get(start / n);
    }
    if (end === this.count) {
      const edge = this.frontierFold(start);
      if (edge !== undefined) return edge;
    }
    if (n <= this.blockSize) {
      const hash = this.blocks.mth(start, end, this.count);
      if (hash !== undefined) return hash;
    }
    const k = splitPoint(n);
    return nodeHash(this.mth(start, start + k), this.mth(start + k, end));
  };

  // MTH of leaves start..size-1 from the frontier, when start is where a frontier subtree begins
  private frontierFold(start: number): Uint8Array | undefined {
    const first = this.frontierStarts.indexOf(start);
    if (first < 0) return undefined;
    let hash = this.frontier.at(-1) as Uint8Array;
    for (let i = this.frontier.length - 2; i >= first; i--)
      hash = nodeHash(this.frontier[i] as Uint8Array, hash);
    return hash;
  }

  // reads leaves start..end-1; asks the source for its size only to explain a failed read (size() may be slow)
  private read(start: number, end: number): Uint8Array {
    let leaves: Uint8Array | undefined;
    let failure: unknown;
    try {
      leaves = this.source.leafHashes(start, end);
    } catch (e) {
      failure = e;
    }
    if (leaves?.length === (end - start) * HASH_SIZE) return leaves;
    const available = this.source.size();
    if (end > available)
      throw new JikimiError(
        "merkle_source_behind",
        t("ledger.merkle.source_behind", { available, leaf: end - 1 }),
        {
          cause: failure,
          hint: t("ledger.merkle.source_behind_hint"),
        },
      );
    if (leaves === undefined) throw failure;
    throw new JikimiError(
      "merkle_source_corrupt",
      t("ledger.merkle.source_corrupt", { got: leaves.length, start, end, want: (end - start) * HASH_SIZE }),
    );
  }
}

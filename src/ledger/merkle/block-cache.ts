// the low levels of the tree, below the cached ones: rebuilt per block of 2^cacheLevel leaves, last few memoised.
import { HASH_SIZE, nodeHash, nodeHashOfPair } from "./hash.js";
import { isPowerOfTwo, splitPoint } from "./mth.js";

// levels[l] holds the complete aligned subtrees of 2^l leaves among the block's first `count` leaves
interface Block {
  start: number;
  count: number;
  levels: Uint8Array[];
}

function buildLevels(leaves: Uint8Array, count: number): Uint8Array[] {
  const levels = [leaves];
  for (let width = Math.floor(count / 2); width > 0; width = Math.floor(width / 2)) {
    const below = levels[levels.length - 1] as Uint8Array;
    const level = new Uint8Array(width * HASH_SIZE);
    for (let i = 0; i < width; i++)
      level.set(nodeHashOfPair(below.subarray(i * 2 * HASH_SIZE, (i + 1) * 2 * HASH_SIZE)), i * HASH_SIZE);
    levels.push(level);
  }
  return levels;
}

function log2(n: number): number {
  return 31 - Math.clz32(n);
}

/**
 * Answers MTH for leaf ranges inside one aligned block, hashing each block read once (count - 1 node
 * hashes) and keeping the `capacity` most recently used blocks.
 * @example new BlockCache((s, e) => source.leafHashes(s, e), 256).mth(256, 300, treeSize)
 */
export class BlockCache {
  private blocks: Block[] = [];

  constructor(
    private readonly read: (start: number, end: number) => Uint8Array,
    private readonly blockSize: number,
    private readonly capacity = 4,
  ) {}

  /** MTH of leaves start..end-1 (end <= treeSize), or undefined when the range crosses a block boundary. */
  mth(start: number, end: number, treeSize: number): Uint8Array | undefined {
    const blockStart = Math.floor(start / this.blockSize) * this.blockSize;
    if (end > blockStart + this.blockSize) return undefined;
    const block = this.block(blockStart, end, treeSize);
    return this.within(block, start - blockStart, end - blockStart);
  }

  private within(block: Block, lo: number, hi: number): Uint8Array {
    const n = hi - lo;
    if (isPowerOfTwo(n) && lo % n === 0) {
      const level = block.levels[log2(n)] as Uint8Array;
      return level.subarray((lo / n) * HASH_SIZE, (lo / n + 1) * HASH_SIZE);
    }
    const k = splitPoint(n);
    return nodeHash(this.within(block, lo, lo + k), this.within(block, lo + k, hi));
  }

  private block(blockStart: number, end: number, treeSize: number): Block {
    const at = this.blocks.findIndex((b) => b.start === blockStart && b.start + b.count >= end);
    const hit = this.blocks[at];
    if (hit !== undefined) {
      if (at > 0) this.blocks = [hit, ...this.blocks.filter((_, i) => i !== at)];
      return hit;
    }
    const count = Math.min(this.blockSize, treeSize - blockStart);
    const block = {
      start: blockStart,
      count,
      levels: buildLevels(this.read(blockStart, blockStart + count), count),
    };
    this.blocks = [block, ...this.blocks.filter((b) => b.start !== blockStart).slice(0, this.capacity - 1)];
    return block;
  }
}

// the receipts tree of a release: each member index i (ascending) becomes m_i = AES-128-ECB_k(16-byte big-endian i)
// under the release's own key k, so m values say nothing without k and do not link across releases; leaves are
// chunks of 64 consecutive m values (the last one shorter), hashed SHA-256(0x00 || chunk), and the tree over them is
// RFC 6962's. Built bottom-up (pairs of nodes, a last odd node promoted): the same root and paths as the recursive
// definition, for which mth.ts is the reference in the tests.
import crypto, { createCipheriv } from "node:crypto";
import { EMPTY_ROOT, HASH_SIZE, nodeHashOfPair } from "../merkle/hash.js";

// crypto.hash (Node >= 20.12) saves a hash object per call; createHash on older 20.x
const sha256: (data: Uint8Array) => Uint8Array =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "buffer")
    : (data) => crypto.createHash("sha256").update(data).digest();

/** Members per leaf. */
export const RECEIPT_CHUNK = 64;
/** Bytes of one m value: one AES block. */
export const M_BYTES = 16;
const CHUNK_BYTES = RECEIPT_CHUNK * M_BYTES;
// members per AES call: 64 KB in and out stays in cache; one 64 MB call ran 4-5x slower on the 2-core machine
const PIECE = 4096;

/**
 * Members of a release by rank: copies ranks [offset, offset + limit) into `out` and returns the filled part.
 * A roaring set gives `(out, offset, limit) => set.rangeUint32Array(out, offset, limit)`.
 */
export type MemberSource = (out: Uint32Array, offset: number, limit: number) => Uint32Array;

/** The members of a sorted array of indexes as a MemberSource. */
export function arraySource(indexes: Uint32Array): MemberSource {
  return (_out, offset, limit) => indexes.subarray(offset, offset + limit);
}

/** Number of leaves (chunks) of a release of `count` members. */
export function chunkCount(count: number): number {
  return Math.ceil(count / RECEIPT_CHUNK);
}

/** The AES-128-ECB cipher of a receipts key; ECB is position-free, so pieces may be encrypted by any caller. */
function cipherOf(key: Uint8Array) {
  if (key.length !== 16) throw new Error("a receipts key is 16 bytes");
  const cipher = createCipheriv("aes-128-ecb", key, null);
  cipher.setAutoPadding(false);
  return cipher;
}

/**
 * Calls `each(m, first)` with the m values of ranks [from, to) in pieces of whole chunks (`first` is the rank of
 * the piece's first member; `from` must be a multiple of RECEIPT_CHUNK). One cipher runs over every piece.
 */
export function forEachPiece(
  key: Uint8Array,
  members: MemberSource,
  from: number,
  to: number,
  each: (m: Buffer, first: number) => void,
): void {
  const cipher = cipherOf(key);
  const plain = new Uint8Array(PIECE * M_BYTES);
  const words = new Uint32Array(plain.buffer);
  const big = new DataView(plain.buffer);
  const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  const out = new Uint32Array(PIECE);
  for (let first = from; first < to; first += PIECE) {
    const n = Math.min(PIECE, to - first);
    const indexes = members(out, first, n);
    if (indexes.length !== n) throw new Error("the member source ended early");
    // the block of i is 12 zero bytes and i as a big-endian u32; only the last word of each block is written
    if (littleEndian)
      for (let j = 0; j < n; j++) {
        const i = indexes[j] as number;
        words[j * 4 + 3] = ((i & 0xff) << 24) | ((i & 0xff00) << 8) | ((i >>> 8) & 0xff00) | (i >>> 24);
      }
    else for (let j = 0; j < n; j++) big.setUint32(j * 16 + 12, indexes[j] as number, false);
    each(cipher.update(plain.subarray(0, n * M_BYTES)), first);
  }
  cipher.final();
}

/**
 * Folds `count` nodes (32 bytes each, in place) up `levels` levels of the bottom-up tree, or to one node; returns
 * how many nodes remain. A node without a right sibling is promoted unchanged, as RFC 6962's split gives.
 */
export function foldLevels(nodes: Uint8Array, count: number, levels = Number.POSITIVE_INFINITY): number {
  let n = count;
  for (let level = 0; level < levels && n > 1; level++) {
    const pairs = n >>> 1;
    for (let j = 0; j < pairs; j++)
      nodes.set(nodeHashOfPair(nodes.subarray(j * 64, j * 64 + 64)), j * HASH_SIZE);
    if (n & 1) nodes.copyWithin(pairs * HASH_SIZE, (n - 1) * HASH_SIZE, n * HASH_SIZE);
    n = pairs + (n & 1);
  }
  return n;
}

/**
 * The nodes at height `height` over the chunks [fromChunk, toChunk) of a release of `count` members: the chunk
 * leaf hashes (height 0), or each aligned block of 2^height leaves folded to one node (the last block may be
 * partial). `fromChunk` must be a multiple of 2^height, so the nodes are exactly those of the whole tree.
 */
export function receiptNodes(
  key: Uint8Array,
  members: MemberSource,
  count: number,
  fromChunk: number,
  toChunk: number,
  height: number,
): Uint8Array {
  const leaves = new Uint8Array((toChunk - fromChunk) * HASH_SIZE);
  const from = fromChunk * RECEIPT_CHUNK;
  const to = Math.min(count, toChunk * RECEIPT_CHUNK);
  // leafHash(chunk) through one reused input buffer: a fresh 1 KB buffer per leaf was a tenth of the time
  const input = new Uint8Array(1 + CHUNK_BYTES);
  forEachPiece(key, members, from, to, (m, first) => {
    let at = ((first - from) / RECEIPT_CHUNK) * HASH_SIZE;
    for (let s = 0; s < m.length; s += CHUNK_BYTES, at += HASH_SIZE) {
      const end = Math.min(m.length, s + CHUNK_BYTES);
      input.set(m.subarray(s, end), 1);
      leaves.set(sha256(end - s === CHUNK_BYTES ? input : input.subarray(0, 1 + end - s)), at);
    }
  });
  if (height === 0) return leaves;
  const block = 2 ** height;
  const total = toChunk - fromChunk;
  let out = 0;
  for (let start = 0; start < total; start += block, out++) {
    const part = leaves.subarray(start * HASH_SIZE, Math.min(total, start + block) * HASH_SIZE);
    foldLevels(part, Math.min(block, total - start));
    leaves.copyWithin(out * HASH_SIZE, start * HASH_SIZE, start * HASH_SIZE + HASH_SIZE);
  }
  return leaves.slice(0, out * HASH_SIZE);
}

/** The root from all nodes at one height (a whole tree's), folded to the top; the empty tree's root for none. */
export function rootOfNodes(nodes: Uint8Array): Uint8Array {
  const n = nodes.length / HASH_SIZE;
  if (n === 0) return Uint8Array.from(EMPTY_ROOT);
  const work = Uint8Array.from(nodes);
  foldLevels(work, n);
  return work.slice(0, HASH_SIZE);
}

/** Where a worker may take part of a large tree: the split chunk (a multiple of 2^height) and the height. */
export function splitOf(chunks: number): { mid: number; height: number } {
  // blocks of at most 1/32 of the tree, so the halves differ by at most a few percent
  let height = 0;
  while (2 ** (height + 1) * 32 <= chunks) height++;
  const block = 2 ** height;
  const mid = Math.max(block, Math.round(chunks / 2 / block) * block);
  return { mid: Math.min(mid, chunks), height };
}

/**
 * The receipts root of a release in one thread.
 * @example toHex(receiptsRootOf(hasher.receiptKey(seq), (o, off, n) => set.rangeUint32Array(o, off, n), set.size))
 */
export function receiptsRootOf(key: Uint8Array, members: MemberSource, count: number): Uint8Array {
  return rootOfNodes(receiptNodes(key, members, count, 0, chunkCount(count), 0));
}

/** A whole receipts tree, every level kept: root, and any chunk's bytes and inclusion path. */
export class ReceiptsTree {
  private readonly levels: Uint8Array[] = [];
  constructor(leaves: Uint8Array) {
    let level = leaves;
    this.levels.push(level);
    while (level.length > HASH_SIZE) {
      const next = Uint8Array.from(level);
      const n = foldLevels(next, level.length / HASH_SIZE, 1);
      level = next.slice(0, n * HASH_SIZE);
      this.levels.push(level);
    }
  }

  /** Number of leaves. */
  get size(): number {
    return (this.levels[0]?.length ?? 0) / HASH_SIZE;
  }

  root(): Uint8Array {
    const top = this.levels.at(-1) as Uint8Array;
    return top.length === 0 ? Uint8Array.from(EMPTY_ROOT) : top.slice(0, HASH_SIZE);
  }

  /** RFC 6962 inclusion path of leaf `index`, nearest sibling first. */
  path(index: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    let at = index;
    for (let h = 0; h < this.levels.length - 1; h++) {
      const level = this.levels[h] as Uint8Array;
      const sibling = at ^ 1;
      if (sibling * HASH_SIZE < level.length)
        out.push(level.slice(sibling * HASH_SIZE, sibling * HASH_SIZE + HASH_SIZE));
      at >>>= 1;
    }
    return out;
  }
}

// the hash tiles of a tree, computed from its leaf hashes: level 0 holds the leaves, each hash of level l + 1 is
// the Merkle tree hash of one full tile of level l (a perfect subtree of 256 hashes).
import { HASH_SIZE, nodeHashOfPair } from "../merkle/hash.js";
import { FULL_TILE_BYTES, hashTilesOf, TILE_WIDTH, type TileId } from "./path.js";

/**
 * The Merkle tree hash of a full tile's 256 hashes: eight rounds of pairwise node hashes.
 * @example tileRoot(leaves.subarray(0, 8192)) // the root of the first 256 leaves
 */
export function tileRoot(tile: Uint8Array): Uint8Array {
  if (tile.length !== FULL_TILE_BYTES) throw new RangeError(`a full tile is ${FULL_TILE_BYTES} bytes`);
  const work = new Uint8Array(tile);
  // in place: hash i of a round lands at i * 32, never past the pair (i * 64) it was made from
  for (let width = TILE_WIDTH; width > 1; width /= 2)
    for (let i = 0; i < width / 2; i++)
      work.set(nodeHashOfPair(work.subarray(i * 2 * HASH_SIZE, (i + 1) * 2 * HASH_SIZE)), i * HASH_SIZE);
  return work.slice(0, HASH_SIZE);
}

/** One hash tile and its bytes. */
export interface HashTile extends TileId {
  level: number;
  bytes: Uint8Array;
}

/**
 * Every hash tile of the tree of `size` leaves, from the leaf hashes concatenated (`size * 32` bytes).
 * @example hashTiles(leaves, 70_000).length // 273 + 1 + 1 + 1 + 1
 */
export function hashTiles(leaves: Uint8Array, size: number): HashTile[] {
  if (leaves.length < size * HASH_SIZE) throw new RangeError(`${size} leaves need ${size * HASH_SIZE} bytes`);
  const ids = hashTilesOf(size);
  const out: HashTile[] = [];
  let hashes = leaves.subarray(0, size * HASH_SIZE);
  for (let level = 0; hashes.length > 0; level++) {
    const full = Math.floor(hashes.length / FULL_TILE_BYTES);
    const next = new Uint8Array(full * HASH_SIZE);
    for (const id of ids) {
      if (id.level !== level) continue;
      const start = id.index * FULL_TILE_BYTES;
      const bytes = hashes.subarray(start, start + id.width * HASH_SIZE);
      out.push({ level, index: id.index, width: id.width, bytes });
      if (id.width === TILE_WIDTH) next.set(tileRoot(bytes), id.index * HASH_SIZE);
    }
    hashes = next;
  }
  return out;
}

// c2sp.org/tlog-tiles resource names: `tile/<L>/<N>[.p/<W>]` for hash tiles and `tile/entries/<N>[.p/<W>]` for
// entry bundles, the index N in zero-padded 3-digit groups, all but the last prefixed with `x`; and which tiles
// a tree of a given size is made of (full tiles of 256 hashes, and the partial one at the right edge of each level).

/** Hashes (or entries) in a full tile. */
export const TILE_WIDTH = 256;
/** Bytes of a full hash tile: 256 SHA-256 hashes. */
export const FULL_TILE_BYTES = TILE_WIDTH * 32;

/** One tile: a hash tile at `level`, or the entry bundle (`"entries"`); `width` 256 is a full tile. */
export interface TileId {
  level: number | "entries";
  index: number;
  width: number;
}

/**
 * The path element of a tile index: 3-digit groups, all but the last prefixed with `x`.
 * @example indexPath(1234067) // "x001/x234/067"
 */
export function indexPath(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError(`${index} is not a tile index`);
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, "0"));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join("/");
}

/**
 * The path of a tile below the log's prefix.
 * @example tilePath({ level: 0, index: 1234067, width: 12 }) // "tile/0/x001/x234/067.p/12"
 */
export function tilePath(t: TileId): string {
  if (!(Number.isInteger(t.width) && t.width >= 1 && t.width <= TILE_WIDTH))
    throw new RangeError(`a tile is 1 to 256 wide, not ${t.width}`);
  const partial = t.width < TILE_WIDTH ? `.p/${t.width}` : "";
  return `tile/${t.level}/${indexPath(t.index)}${partial}`;
}

/** The folder holding every partial version of a tile (removed once the full tile is published). */
export function partialsPath(t: Omit<TileId, "width">): string {
  return `tile/${t.level}/${indexPath(t.index)}.p`;
}

/**
 * The hash tiles of a tree of `size` leaves, level by level: the full ones, then the partial one of width
 * floor(size / 256^level) mod 256 when that is not 0.
 * @example hashTilesOf(256) // [{ level: 0, index: 0, width: 256 }, { level: 1, index: 0, width: 1 }]
 */
export function hashTilesOf(size: number): TileId[] {
  const out: TileId[] = [];
  let count = size;
  for (let level = 0; count > 0; level++) {
    out.push(...row(level, count));
    count = Math.floor(count / TILE_WIDTH);
  }
  return out;
}

/** The entry bundles of a log of `size` entries. */
export function bundlesOf(size: number): TileId[] {
  return row("entries", size);
}

function row(level: number | "entries", count: number): TileId[] {
  const full = Math.floor(count / TILE_WIDTH);
  const out: TileId[] = [];
  for (let index = 0; index < full; index++) out.push({ level, index, width: TILE_WIDTH });
  if (count % TILE_WIDTH > 0) out.push({ level, index: full, width: count % TILE_WIDTH });
  return out;
}

/** The first entry a tile's hashes cover. */
export function firstEntry(t: TileId): number {
  const level = t.level === "entries" ? 0 : t.level;
  return t.index * TILE_WIDTH ** (level + 1);
}

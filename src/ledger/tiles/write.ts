// publishes a log as static tiles (c2sp.org/tlog-tiles) into a folder, incrementally. Nothing is written until
// every check passed: the checkpoint's root is the root of the log's first `size` entries, the folder's own
// checkpoint (if any) names the same origin and is a prefix of this log, every full tile already there is
// byte-identical to ours (an entry bundle may differ only where an entry was pruned since). Then new tiles and
// bundles and the partial tiles of the new size go in, each file atomically, the checkpoint last; after it,
// bundles whose entries were pruned since are rewritten with markers, and partial tiles whose full tile now
// exists are removed. A reader sees a folder that verifies under its checkpoint at every moment.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { hashEquals, MerkleTree, toHex } from "../merkle/index.js";
import { parseCheckpoint } from "../note/checkpoint.js";
import { decodeBundle, encodeBundle, sameOrPruned } from "./bundle.js";
import { hashTiles } from "./hash-tiles.js";
import { bundlesOf, firstEntry, partialsPath, TILE_WIDTH, type TileId, tilePath } from "./path.js";
import type { LogSource } from "./source.js";
import type { TileStore } from "./store.js";

/** The longest checkpoint note read back from a folder. */
export const MAX_NOTE_BYTES = 1 << 20;
/** The longest entry bundle: 256 entries of at most 65,535 bytes, each with its 2-byte length. */
export const MAX_BUNDLE_BYTES = TILE_WIDTH * (2 + 0xffff);

export interface PublishResult {
  origin: string;
  size: number;
  root: string;
  /** the size of the checkpoint the folder held before (0 for an empty folder) */
  previous: number;
  /** hash tiles, entry bundles and bundles rewritten with markers for entries pruned since, written now */
  tiles: number;
  bundles: number;
  rewritten: number;
  /** bytes written, the checkpoint included */
  bytes: number;
  /** full tiles and bundles already in the folder, identical, left as they were */
  unchanged: number;
  /** folders of partial tiles removed because their full tile is now published */
  removed: number;
}

/** Nothing was published: `reason` says why, `hint` (when there is one) what to do. */
function refuse(reason: string, hint?: string): JikimiError {
  return new JikimiError("tiles_refused", t("ledger.tiles.nothing_published", { reason }), {
    ...(hint === undefined ? {} : { hint }),
  });
}

/** A note's text part, parsed as a checkpoint, without verifying its signatures (they are the caller's). */
function checkpointOf(note: string, what: string) {
  const split = note.lastIndexOf("\n\n");
  try {
    if (split < 0) throw new Error("no signature lines");
    return parseCheckpoint(note.slice(0, split + 1));
  } catch {
    throw refuse(t("ledger.tiles.not_checkpoint_note", { what }));
  }
}

const same = (a: Uint8Array | undefined, b: Uint8Array) =>
  a !== undefined && Buffer.from(a).equals(Buffer.from(b));

/**
 * Publishes the first `size` entries of `source` (the size `note` names) into `store`, the note as `checkpoint`.
 * @example await state.ledger.read((tx) => writeTiles(folderStore("public/ledger"), ledgerLogSource(tx), note))
 */
export async function writeTiles(store: TileStore, source: LogSource, note: string): Promise<PublishResult> {
  const checkpoint = checkpointOf(note, t("ledger.tiles.the_checkpoint_to_publish"));
  const { origin, size } = checkpoint;
  const held = await source.size();
  if (size > held) throw refuse(t("ledger.tiles.covers_more", { count: size, held }));
  const leaves = await source.leafHashes(0, size);
  const tree = MerkleTree.over({ size: () => size, leafHashes: (s, e) => leaves.subarray(s * 32, e * 32) });
  if (!hashEquals(tree.rootAt(size), checkpoint.root))
    throw refuse(t("ledger.tiles.root_not_log", { count: size }));

  let previous = 0;
  const old = await store.read("checkpoint", MAX_NOTE_BYTES);
  if (old !== undefined) {
    const where = store.where("checkpoint");
    const before = checkpointOf(Buffer.from(old).toString("utf8"), where);
    if (before.origin !== origin)
      throw refuse(
        t("ledger.tiles.other_origin", { where, before: before.origin, origin }),
        t("ledger.tiles.other_origin_hint"),
      );
    if (before.size > size || !hashEquals(tree.rootAt(before.size), before.root))
      throw before.size > size
        ? refuse(
            t("ledger.tiles.folder_longer", { where, count: before.size, size }),
            t("ledger.tiles.folder_longer_hint", { where }),
          )
        : refuse(
            t("ledger.tiles.not_prefix", { where, size: before.size }),
            t("ledger.tiles.not_prefix_hint", { where }),
          );
    previous = before.size;
  }

  // plan: compare what is there, refuse before anything is written
  const result: PublishResult = {
    origin,
    size,
    root: toHex(checkpoint.root),
    previous,
    tiles: 0,
    bundles: 0,
    rewritten: 0,
    bytes: 0,
    unchanged: 0,
    removed: 0,
  };
  const tilesToWrite: { path: string; bytes: Uint8Array; full: TileId | undefined }[] = [];
  for (const tile of hashTiles(leaves, size)) {
    const path = tilePath(tile);
    const there = await store.read(path, tile.bytes.length);
    if (same(there, tile.bytes)) result.unchanged += tile.width === TILE_WIDTH ? 1 : 0;
    else if (there !== undefined && tile.width === TILE_WIDTH)
      throw refuse(
        t("ledger.tiles.tile_differs", { where: store.where(path) }),
        t("ledger.tiles.altered_hint"),
      );
    else tilesToWrite.push({ path, bytes: tile.bytes, full: tile.width === TILE_WIDTH ? tile : undefined });
  }
  const bundlesToWrite: TileId[] = [];
  const bundlesToRewrite: TileId[] = [];
  const bundleOf = async (b: TileId) => {
    const from = firstEntry(b);
    return { entries: await source.entries(from, from + b.width), from };
  };
  for (const b of bundlesOf(size)) {
    const { entries, from } = await bundleOf(b);
    const bytes = encodeBundle(entries, from);
    const path = tilePath(b);
    const there = await store.read(path, MAX_BUNDLE_BYTES);
    if (same(there, bytes)) result.unchanged += b.width === TILE_WIDTH ? 1 : 0;
    else if (there === undefined || b.width < TILE_WIDTH) bundlesToWrite.push(b);
    else {
      const before = decodeBundle(there);
      if (
        typeof before === "string" ||
        before.length !== entries.length ||
        !before.every((e, i) => sameOrPruned(e, entries[i] as Uint8Array))
      )
        throw refuse(
          t("ledger.tiles.bundle_differs", { where: store.where(path) }),
          t("ledger.tiles.altered_hint"),
        );
      bundlesToRewrite.push(b);
    }
  }

  const put = async (path: string, bytes: Uint8Array) => {
    await store.write(path, bytes);
    result.bytes += bytes.length;
  };
  const writeBundle = async (b: TileId) => {
    const { entries, from } = await bundleOf(b);
    await put(tilePath(b), encodeBundle(entries, from));
  };
  for (const tile of tilesToWrite) await put(tile.path, tile.bytes);
  result.tiles = tilesToWrite.length;
  for (const b of bundlesToWrite) await writeBundle(b);
  result.bundles = bundlesToWrite.length;
  await store.flush();
  await put("checkpoint", Buffer.from(note, "utf8"));
  await store.flush();
  // after the checkpoint: until then the old checkpoint still needs the bodies of entries pruned since
  for (const b of bundlesToRewrite) await writeBundle(b);
  result.rewritten = bundlesToRewrite.length;
  const full = [
    ...tilesToWrite.flatMap((tile) => (tile.full ? [tile.full] : [])),
    ...bundlesToWrite.filter((b) => b.width === TILE_WIDTH),
  ];
  for (const tile of full) if (await store.remove(partialsPath(tile))) result.removed++;
  await store.flush();
  return result;
}

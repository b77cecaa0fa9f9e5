// verifies a published log (c2sp.org/tlog-tiles) with public material only: the checkpoint note's signature
// under the given verifier keys, every hash tile against the level below, the root of the level-0 tiles against
// the checkpoint, each entry of the bundles against its leaf, the entries as bodies (entries.ts), and with
// `against` an earlier checkpoint that the log only grew since. Reports problems as verifyLedger does.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { HASH_SIZE, hashEquals, leafHash, toHex } from "../merkle/hash.js";
import { MerkleTree } from "../merkle/index.js";
import { parseCheckpoint } from "../note/checkpoint.js";
import { type NoteVerifier, openNote, verifierFromVkey } from "../note/signed-note.js";
import { decodeBundle, markerLeaf } from "./bundle.js";
import { EntryChecks } from "./entries.js";
import { tileRoot } from "./hash-tiles.js";
import {
  bundlesOf,
  FULL_TILE_BYTES,
  firstEntry,
  hashTilesOf,
  TILE_WIDTH,
  type TileId,
  tilePath,
} from "./path.js";
import { type TilesProblem, TilesProblems } from "./problems.js";
import type { TileReader } from "./store.js";
import { MAX_BUNDLE_BYTES, MAX_NOTE_BYTES } from "./write.js";

export type { TilesProblem, TilesProblemKind } from "./problems.js";

export interface VerifyTilesOptions {
  /** an earlier checkpoint note of this log (text): prove the log only grew since */
  against?: string | undefined;
  /** the origin the checkpoint must name (default: the name of a verifier key that signed it) */
  origin?: string | undefined;
  /** requests in flight at once (default 8) */
  concurrency?: number;
}

export interface TilesReport {
  ok: boolean;
  origin: string;
  size: number;
  root: string;
  problems: TilesProblem[];
  against?: { size: number; root: string; consistent: boolean };
  /** entries a prune event lists that are still served with their body (a mirror or cache may keep them) */
  retained: number;
  /** files and bytes read */
  files: number;
  bytes: number;
}

/** A checkpoint note opened with the verifiers: origin, size, root and who signed; or the reason it fails. */
function openCheckpoint(note: string, verifiers: NoteVerifier[], origin: string | undefined) {
  const opened = openNote(note, verifiers);
  const body = parseCheckpoint(opened.text);
  const names = opened.verified.map((k) => k.name);
  if (origin !== undefined ? body.origin !== origin : !names.includes(body.origin))
    throw new JikimiError(
      "bad_checkpoint",
      origin !== undefined
        ? t("ledger.tiles.origin_not_log", { origin: body.origin, expected: origin })
        : t("ledger.tiles.origin_not_signer", { origin: body.origin, names: names.join(", ") }),
    );
  return body;
}

/** Runs `read` over `items` with at most `limit` at once, results in order. */
async function inOrder<T, R>(
  items: readonly T[],
  limit: number,
  read: (item: T) => Promise<R>,
  use: (item: T, r: R) => void,
) {
  const pending: Promise<R>[] = [];
  let next = 0;
  const fill = () => {
    while (next < items.length && pending.length < limit) {
      const p = read(items[next++] as T);
      // awaited below in order; a failure of one read in flight must not surface as an unhandled rejection
      p.catch(() => {});
      pending.push(p);
    }
  };
  fill();
  for (const item of items) {
    const r = await (pending.shift() as Promise<R>);
    fill();
    use(item, r);
  }
}

/**
 * Verifies the log published at `reader` with the log's verifier keys (vkey texts).
 * @example const report = await verifyTiles(openTiles("https://ledger.hanbitpay.example/nsf"), [vkey]);
 */
export async function verifyTiles(
  reader: TileReader,
  vkeys: readonly string[],
  options: VerifyTilesOptions = {},
): Promise<TilesReport> {
  const verifiers = vkeys.map(verifierFromVkey);
  const problems = new TilesProblems();
  const limit = options.concurrency ?? 8;
  let files = 0;
  let bytes = 0;
  const report = (fields: Partial<TilesReport>): TilesReport => ({
    ok: problems.size === 0,
    origin: "",
    size: 0,
    root: "",
    problems: [...problems.list].sort(
      (a, b) => (a.seq ?? Number.MAX_SAFE_INTEGER) - (b.seq ?? Number.MAX_SAFE_INTEGER),
    ),
    retained: 0,
    files,
    bytes,
    ...fields,
  });
  const fetch = async (path: string, max: number) => {
    const got = await reader.read(path, max);
    if (got !== undefined) {
      files++;
      bytes += got.length;
    } else
      problems.add({
        kind: "tile_missing",
        place: path,
        message: t("ledger.tiles.missing", { where: reader.where(path) }),
      });
    return got;
  };

  const note = await fetch("checkpoint", MAX_NOTE_BYTES);
  if (note === undefined) return report({ ok: false });
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    if (note.length > MAX_NOTE_BYTES) throw new JikimiError("bad_note", t("ledger.tiles.note_too_large"));
    checkpoint = openCheckpoint(Buffer.from(note).toString("utf8"), verifiers, options.origin);
  } catch (e) {
    if (!(e instanceof JikimiError)) throw e;
    problems.add({
      kind: "checkpoint_forged",
      place: "checkpoint",
      message: `${reader.where("checkpoint")}: ${e.message}`,
    });
    return report({ ok: false });
  }
  const { origin, size } = checkpoint;

  // hash tiles, level by level: each hash above level 0 is the root of a full tile below
  const tiles = new Map<string, Uint8Array>();
  const ids = hashTilesOf(size);
  await inOrder(
    ids,
    limit,
    (tile) => fetch(tilePath(tile), FULL_TILE_BYTES),
    (tile, got) => {
      if (got === undefined) return;
      if (got.length !== tile.width * HASH_SIZE)
        problems.add({
          kind: "tile_malformed",
          seq: firstEntry(tile),
          place: tilePath(tile),
          message: t("ledger.tiles.tile_size", {
            where: reader.where(tilePath(tile)),
            got: got.length,
            want: tile.width * HASH_SIZE,
          }),
        });
      else tiles.set(tilePath(tile), got);
    },
  );
  for (const tile of ids) {
    const got = tiles.get(tilePath(tile));
    if (tile.level === 0 || got === undefined) continue;
    for (let i = 0; i < tile.width; i++) {
      const child: TileId = {
        level: (tile.level as number) - 1,
        index: tile.index * TILE_WIDTH + i,
        width: TILE_WIDTH,
      };
      const below = tiles.get(tilePath(child));
      if (below && !hashEquals(tileRoot(below), got.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)))
        problems.add({
          kind: "changed",
          seq: firstEntry(child),
          place: tilePath(tile),
          message: t("ledger.tiles.tile_hash", { index: i, tile: tilePath(tile), child: tilePath(child) }),
        });
    }
  }
  const leaves = new Uint8Array(size * HASH_SIZE);
  const lacking = new Set<number>();
  for (const tile of ids.filter((tile) => tile.level === 0)) {
    const got = tiles.get(tilePath(tile));
    if (got) leaves.set(got, firstEntry(tile) * HASH_SIZE);
    else lacking.add(tile.index);
  }
  const complete = lacking.size === 0;
  const tree = MerkleTree.over({
    size: () => size,
    leafHashes: (s, e) => leaves.subarray(s * HASH_SIZE, e * HASH_SIZE),
  });
  if (complete && !hashEquals(tree.rootAt(size), checkpoint.root))
    problems.add({
      kind: "checkpoint_mismatch",
      place: "tile/0",
      message: t("ledger.tiles.root"),
    });

  // entry bundles: each entry hashes to its leaf (a marker names it), and reads as a body at its position
  const entries = new EntryChecks(problems);
  await inOrder(
    bundlesOf(size),
    limit,
    (b) => fetch(tilePath(b), MAX_BUNDLE_BYTES),
    (b, got) => {
      const place = tilePath(b);
      if (got === undefined) return;
      const list = decodeBundle(got);
      if (typeof list === "string" || list.length !== b.width) {
        problems.add({
          kind: "tile_malformed",
          seq: firstEntry(b),
          place,
          message:
            typeof list === "string"
              ? t("ledger.tiles.bundle_malformed", { where: reader.where(place), reason: list })
              : t("ledger.tiles.bundle_count", {
                  where: reader.where(place),
                  count: list.length,
                  width: b.width,
                }),
        });
        return;
      }
      for (const [i, bytes] of list.entries()) {
        const seq = firstEntry(b) + i;
        const leaf = leaves.subarray(seq * HASH_SIZE, (seq + 1) * HASH_SIZE);
        const marker = markerLeaf(bytes);
        if (lacking.has(b.index)) entries.add(seq, bytes, place);
        else if (marker !== undefined ? marker !== toHex(leaf) : !hashEquals(leafHash(bytes), leaf)) {
          problems.add({
            kind: "changed",
            seq,
            place,
            message: t(marker !== undefined ? "ledger.tiles.other_marker" : "ledger.tiles.not_leaf", {
              seq,
              place,
            }),
          });
        } else entries.add(seq, bytes, place);
      }
    },
  );
  entries.finish();

  let against: TilesReport["against"];
  if (options.against !== undefined) {
    try {
      const old = openCheckpoint(options.against, verifiers, origin);
      const consistent = old.size <= size && complete && hashEquals(tree.rootAt(old.size), old.root);
      against = { size: old.size, root: toHex(old.root), consistent };
      if (old.size > size)
        problems.add({
          kind: "truncated",
          seq: size,
          message: t("ledger.tiles.against_truncated", { count: old.size, size }),
        });
      else if (!consistent)
        problems.add({
          kind: "checkpoint_mismatch",
          message: complete
            ? t("ledger.tiles.against_mismatch", { count: old.size })
            : t("ledger.tiles.against_unchecked"),
        });
    } catch (e) {
      if (!(e instanceof JikimiError)) throw e;
      problems.add({
        kind: "checkpoint_forged",
        message: t("ledger.tiles.against_forged", { reason: e.message }),
      });
    }
  }
  return report({
    origin,
    size,
    root: toHex(checkpoint.root),
    retained: entries.retained,
    ...(against ? { against } : {}),
  });
}

// entry bundles (c2sp.org/tlog-tiles): entries as big-endian uint16 length-prefixed byte strings. An entry whose
// body was pruned is published as a marker in its place, `{"format":...,"kind":"pruned","leaf_hash":...,"seq":N}`
// (canonical JSON), which carries the leaf hash its body had: the level-0 tile still holds that leaf.
import canonicalize from "canonicalize";
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { ENTRY_FORMAT, MAX_ENTRY_BYTES } from "../entry.js";
import { leafHash, toHex } from "../merkle/hash.js";

export { MAX_ENTRY_BYTES };

/** What an entry bundle holds in place of a pruned entry's body. */
export interface PrunedMarker {
  format: typeof ENTRY_FORMAT;
  kind: "pruned";
  leaf_hash: string;
  seq: number;
}

/**
 * The marker of pruned entry `seq` whose leaf hash was `leaf`, as canonical JSON bytes.
 * @example prunedMarker(3, leaf) // {"format":"jikimi-ledger-entry/2","kind":"pruned","leaf_hash":"…","seq":3}
 */
export function prunedMarker(seq: number, leaf: Uint8Array): Uint8Array {
  const marker: PrunedMarker = { format: ENTRY_FORMAT, kind: "pruned", leaf_hash: toHex(leaf), seq };
  return Buffer.from(canonicalize(marker) ?? "", "utf8");
}

/**
 * A bundle of consecutive entries, the first being entry `first`; refuses an entry over 65,535 bytes.
 * @example encodeBundle([bytesOf0, bytesOf1], 0)
 */
export function encodeBundle(entries: readonly Uint8Array[], first: number): Uint8Array {
  let total = 0;
  for (const [i, e] of entries.entries()) {
    if (e.length > MAX_ENTRY_BYTES)
      throw new JikimiError(
        "tile_entry_too_large",
        t("ledger.tiles.entry_too_large", { seq: first + i, bytes: e.length.toLocaleString("en-US") }),
      );
    total += 2 + e.length;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const e of entries) {
    out[at] = e.length >>> 8;
    out[at + 1] = e.length & 0xff;
    out.set(e, at + 2);
    at += 2 + e.length;
  }
  return out;
}

/**
 * The entries of a bundle, or a reason it is malformed (a length running past the end).
 * @example decodeBundle(encodeBundle([a, b], 0)) // [a, b]
 */
export function decodeBundle(bytes: Uint8Array): Uint8Array[] | string {
  const out: Uint8Array[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 2 > bytes.length) return t("ledger.tiles.prefix_cut", { at });
    const n = ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
    if (at + 2 + n > bytes.length) return t("ledger.tiles.entry_past_end", { index: out.length });
    out.push(bytes.subarray(at + 2, at + 2 + n));
    at += 2 + n;
  }
  return out;
}

const MARKER_START = Buffer.from(`{"format":"${ENTRY_FORMAT}","kind":"pruned",`, "utf8");

/**
 * The leaf hash a marker stands for (hex), or undefined when `bytes` is not a marker in its canonical form.
 * @example markerLeaf(prunedMarker(3, leaf)) // toHex(leaf)
 */
export function markerLeaf(bytes: Uint8Array): string | undefined {
  if (
    bytes.length < MARKER_START.length ||
    !Buffer.from(bytes.subarray(0, MARKER_START.length)).equals(MARKER_START)
  )
    return undefined;
  let parsed: Partial<PrunedMarker>;
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8")) as Partial<PrunedMarker>;
  } catch {
    return undefined;
  }
  const { leaf_hash, seq } = parsed;
  if (typeof leaf_hash !== "string" || !/^[0-9a-f]{64}$/.test(leaf_hash) || !Number.isSafeInteger(seq))
    return undefined;
  const canonical = prunedMarker(seq as number, Buffer.from(leaf_hash, "hex"));
  return Buffer.from(canonical).equals(Buffer.from(bytes)) ? leaf_hash : undefined;
}

/**
 * True when an entry published earlier (`before`) and its bytes now (`now`) are the same entry, or `now` is the
 * marker of `before` after it was pruned.
 */
export function sameOrPruned(before: Uint8Array, now: Uint8Array): boolean {
  if (Buffer.from(before).equals(Buffer.from(now))) return true;
  const leaf = markerLeaf(now);
  return leaf !== undefined && markerLeaf(before) === undefined && toHex(leafHash(before)) === leaf;
}

// linkage risk of two files released to one recipient: which columns join (the same values, or the same keyed
// pseudonyms), the share of each file's records that link to exactly one record of the other (by a column pair or
// by the quasi-identifiers both files carry), and a verdict against a threshold on the larger share. Values are
// kept only as 53-bit hashes in bounded sets; nothing here returns or prints a value.
import { JikimiError } from "../errors.js";
import { t } from "../i18n/index.js";
import { formatOf, openReader } from "../io/records/index.js";
import type { RecordFormat } from "../io/records/types.js";
import { combine53, hash53, NumberCounter } from "./tables.js";

/** A column of A whose values are found in a column of B. */
export interface LinkPair {
  a: string;
  b: string;
  /** "pseudonym" when both columns hold digest-shaped values (hex or base64url of 16 to 64 bytes) */
  kind: "values" | "pseudonym";
  distinctA: number;
  distinctB: number;
  /** share of A's distinct (non-empty) values found in B's column */
  overlap: number;
  /** records holding a value that occurs exactly once in A and exactly once in B (mutual one-to-one) */
  oneToOne: number;
  oneToOneShareA: number;
  oneToOneShareB: number;
  /** records of A whose value occurs exactly once in B: each links to exactly one record of B */
  linkedA: number;
  linkedShareA: number;
  /** records of B whose value occurs exactly once in A */
  linkedB: number;
  linkedShareB: number;
}

/** The join through which a file's records link: a column pair, or the quasi-identifiers both files name. */
export type LinkVia =
  | { kind: "values" | "pseudonym"; a: string; b: string }
  | { kind: "quasiIdentifiers"; columns: string[] };

/** One direction of the strongest join: how many records of one file link to exactly one record of the other. */
export interface LinkDirection {
  records: number;
  share: number;
  /** the join giving the highest share; absent when no record links */
  via?: LinkVia;
}

/** The verdict: linkable when the larger of the two directional shares is above `maxLinkShare`. */
export interface LinkVerdict {
  linkable: boolean;
  maxLinkShare: number;
  /** the larger of `strongest.aToB.share` and `strongest.bToA.share` */
  share: number;
  /** the direction holding that share ("aToB": A's records, each linking to one record of B) */
  direction: "aToB" | "bToA";
}

/** One file's side of a linkage report. */
export interface LinkSide {
  file: string;
  records: number;
  columns: number;
  badRecords: number;
}

/** What `linkFiles` found. */
export interface LinkReport {
  a: LinkSide;
  b: LinkSide;
  /** the bound on distinct values kept per column */
  maxDistinct: number;
  /** columns with more distinct values than the bound: compared on the first `maxDistinct` only */
  truncated: { file: string; column: string }[];
  /** column pairs with at least one value in common, by oneToOne then overlap (descending) */
  pairs: LinkPair[];
  /** the columns both files name alike, taken together as one quasi-identifier tuple */
  quasiIdentifiers?: {
    columns: string[];
    uniqueInA: number;
    uniqueInB: number;
    /** records whose tuple is unique in A, unique in B and present in both */
    oneToOne: number;
    oneToOneShareA: number;
    oneToOneShareB: number;
    /** records of A whose tuple occurs exactly once in B */
    linkedA: number;
    linkedShareA: number;
    /** records of B whose tuple occurs exactly once in A */
    linkedB: number;
    linkedShareB: number;
  };
  /** per file, the join through which most of its records link to exactly one record of the other file */
  strongest: { aToB: LinkDirection; bToA: LinkDirection };
  verdict: LinkVerdict;
}

/** Options of `linkFiles`. */
export interface LinkOptions {
  formatA?: RecordFormat;
  formatB?: RecordFormat;
  /** distinct values kept per column (default 1,000,000) */
  maxDistinct?: number;
  /** the verdict is "linkable" when more than this share of either file's records link (default 0.05) */
  maxLinkShare?: number;
}

/**
 * Default of `maxLinkShare`: the strictest re-identification risk threshold in common use for data leaving a
 * controller (0.05, i.e. k = 20; El Emam 2013). Reasoning in docs/risk.md.
 */
export const DEFAULT_MAX_LINK_SHARE = 0.05;

const HEX = /^[0-9a-fA-F]+$/;
const B64URL = /^[A-Za-z0-9_-]+={0,2}$/;
/** A's values checked first (a hash-consistent 1/64 sample) before comparing a large column pair in full. */
const SAMPLE_ABOVE = 4096;

interface ColumnProfile {
  name: string;
  values: NumberCounter;
  /** the length shared by every non-empty value, -1 when they differ, 0 when none seen */
  length: number;
  hex: boolean;
  b64: boolean;
}

interface FileProfile {
  side: LinkSide;
  columns: ColumnProfile[];
  tuples: NumberCounter | undefined;
}

/** The columns of a file (the first batch's); [] for a file without records. */
async function columnsOf(path: string, format: RecordFormat | undefined): Promise<string[]> {
  for await (const batch of openReader(path, formatOf(path, format))) return batch.columns;
  return [];
}

async function profile(
  path: string,
  format: RecordFormat | undefined,
  shared: readonly string[],
  maxDistinct: number,
): Promise<FileProfile> {
  let columns: ColumnProfile[] | undefined;
  let tupleAt: number[] = [];
  const tuples = shared.length > 0 ? new NumberCounter(maxDistinct) : undefined;
  const side: LinkSide = { file: path, records: 0, columns: 0, badRecords: 0 };
  for await (const batch of openReader(path, formatOf(path, format))) {
    if (columns === undefined) {
      columns = batch.columns.map((name) => ({
        name,
        values: new NumberCounter(maxDistinct),
        length: 0,
        hex: true,
        b64: true,
      }));
      tupleAt = shared.map((s) => batch.columns.indexOf(s));
      side.columns = columns.length;
    }
    side.badRecords += batch.bad.length;
    for (const row of batch.rows) {
      let tuple = 0;
      for (let j = 0; j < columns.length; j++) {
        const value = row[j] ?? "";
        if (value === "") continue;
        const col = columns[j] as ColumnProfile;
        col.values.add(hash53(value));
        if (col.length === 0) col.length = value.length;
        else if (col.length !== value.length) col.length = -1;
        if (col.hex && !HEX.test(value)) col.hex = false;
        if (col.b64 && !B64URL.test(value)) col.b64 = false;
      }
      if (tuples !== undefined) {
        for (const at of tupleAt) tuple = combine53(tuple, hash53(row[at] ?? ""));
        tuples.add(tuple);
      }
    }
    side.records += batch.rows.length;
  }
  return { side, columns: columns ?? [], tuples };
}

/** Digest-shaped: one length for all values, hex of >= 16 bytes or base64url of >= 16 bytes. */
function digestShaped(c: ColumnProfile): boolean {
  if (c.length <= 0) return false;
  return (c.hex && c.length >= 32 && c.length <= 128) || (c.b64 && c.length >= 22 && c.length <= 88);
}

interface Counts {
  /** distinct keys of A found in B */
  shared: number;
  /** records with a key once in A and once in B */
  oneToOne: number;
  /** records of A whose key is once in B */
  linkedA: number;
  /** records of B whose key is once in A */
  linkedB: number;
}

const NONE: Counts = { shared: 0, oneToOne: 0, linkedA: 0, linkedB: 0 };

/** Joins two counted key sets (value hashes or tuple hashes): one pass over A's keys. */
function joinCounts(av: NumberCounter, bv: NumberCounter): Counts {
  let shared = 0;
  let oneToOne = 0;
  let linkedA = 0;
  let linkedB = 0;
  for (let i = 0; i < av.size; i++) {
    const cb = bv.get(av.keys[i] as number);
    if (cb === 0) continue;
    const ca = av.counts[i] as number;
    shared++;
    if (cb === 1) linkedA += ca;
    if (ca === 1) linkedB += cb;
    if (cb === 1 && ca === 1) oneToOne++;
  }
  return { shared, oneToOne, linkedA, linkedB };
}

function comparePair(a: ColumnProfile, b: ColumnProfile): Counts {
  const av = a.values;
  const bv = b.values;
  if (av.size === 0 || bv.size === 0) return NONE;
  if (av.size > SAMPLE_ABOVE) {
    // keys are hashes: "key mod 64 = 0" samples the same values on both sides
    let hit = false;
    for (let i = 0; i < av.size && !hit; i++) {
      const key = av.keys[i] as number;
      if (key % 64 === 0 && bv.get(key) > 0) hit = true;
    }
    if (!hit) return NONE;
  }
  return joinCounts(av, bv);
}

const shareOf = (n: number, of: number): number => (of === 0 ? 0 : n / of);

/**
 * Per direction, the join (column pair or quasi-identifier tuple) linking the most records to exactly one record
 * of the other file; on a tie the first in `pairs` order, then the tuple. Pure, so a caller can re-judge a report.
 */
export function strongestJoins(
  report: Pick<LinkReport, "pairs" | "quasiIdentifiers">,
): LinkReport["strongest"] {
  const aToB: LinkDirection = { records: 0, share: 0 };
  const bToA: LinkDirection = { records: 0, share: 0 };
  const consider = (via: LinkVia, linkedA: number, shareA: number, linkedB: number, shareB: number): void => {
    if (linkedA > aToB.records) Object.assign(aToB, { records: linkedA, share: shareA, via });
    if (linkedB > bToA.records) Object.assign(bToA, { records: linkedB, share: shareB, via });
  };
  for (const p of report.pairs)
    consider({ kind: p.kind, a: p.a, b: p.b }, p.linkedA, p.linkedShareA, p.linkedB, p.linkedShareB);
  const q = report.quasiIdentifiers;
  if (q !== undefined)
    consider(
      { kind: "quasiIdentifiers", columns: q.columns },
      q.linkedA,
      q.linkedShareA,
      q.linkedB,
      q.linkedShareB,
    );
  return { aToB, bToA };
}

/**
 * Linkable when the larger directional share is above `maxLinkShare` (a share equal to it passes).
 * @example linkVerdict(report.strongest, 0.05).linkable
 */
export function linkVerdict(strongest: LinkReport["strongest"], maxLinkShare: number): LinkVerdict {
  const direction = strongest.bToA.share > strongest.aToB.share ? "bToA" : "aToB";
  const share = strongest[direction].share;
  return { linkable: share > maxLinkShare, maxLinkShare, share, direction };
}

/**
 * Compares every column of A with every column of B by their value sets, and the columns both name alike
 * as one tuple. Throws JikimiError (exit 2) for a missing, empty, binary or unreadable file.
 * @example await linkFiles("settlement.csv", "credit.csv")
 */
export async function linkFiles(a: string, b: string, options: LinkOptions = {}): Promise<LinkReport> {
  const maxDistinct = options.maxDistinct ?? 1_000_000;
  if (!Number.isInteger(maxDistinct) || maxDistinct < 1)
    throw new JikimiError("bad_option", t("risk.errors.max_distinct"));
  const maxLinkShare = options.maxLinkShare ?? DEFAULT_MAX_LINK_SHARE;
  if (!(maxLinkShare >= 0 && maxLinkShare <= 1))
    throw new JikimiError("bad_option", t("risk.errors.max_link_share"));
  const colsA = await columnsOf(a, options.formatA);
  const colsB = await columnsOf(b, options.formatB);
  const shared = colsA.filter((c) => colsB.includes(c));
  const pa = await profile(a, options.formatA, shared, maxDistinct);
  const pb = await profile(b, options.formatB, shared, maxDistinct);
  const truncated: LinkReport["truncated"] = [];
  for (const p of [pa, pb])
    for (const c of p.columns) if (c.values.truncated) truncated.push({ file: p.side.file, column: c.name });
  const pairs: LinkPair[] = [];
  for (const ca of pa.columns) {
    for (const cb of pb.columns) {
      const { shared: common, oneToOne, linkedA, linkedB } = comparePair(ca, cb);
      if (common === 0) continue;
      pairs.push({
        a: ca.name,
        b: cb.name,
        kind: digestShaped(ca) && digestShaped(cb) ? "pseudonym" : "values",
        distinctA: ca.values.size,
        distinctB: cb.values.size,
        overlap: common / ca.values.size,
        oneToOne,
        oneToOneShareA: shareOf(oneToOne, pa.side.records),
        oneToOneShareB: shareOf(oneToOne, pb.side.records),
        linkedA,
        linkedShareA: shareOf(linkedA, pa.side.records),
        linkedB,
        linkedShareB: shareOf(linkedB, pb.side.records),
      });
    }
  }
  const strength = (p: LinkPair): number => Math.max(p.linkedShareA, p.linkedShareB);
  pairs.sort(
    (x, y) =>
      strength(y) - strength(x) || y.overlap - x.overlap || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
  const found: Pick<LinkReport, "pairs" | "quasiIdentifiers"> = { pairs };
  if (pa.tuples !== undefined && pb.tuples !== undefined) {
    const ta = pa.tuples;
    const tb = pb.tuples;
    let uniqueInA = 0;
    for (let i = 0; i < ta.size; i++) if (ta.counts[i] === 1) uniqueInA++;
    let uniqueInB = 0;
    for (let i = 0; i < tb.size; i++) if (tb.counts[i] === 1) uniqueInB++;
    const { oneToOne, linkedA, linkedB } = joinCounts(ta, tb);
    found.quasiIdentifiers = {
      columns: shared,
      uniqueInA,
      uniqueInB,
      oneToOne,
      oneToOneShareA: shareOf(oneToOne, pa.side.records),
      oneToOneShareB: shareOf(oneToOne, pb.side.records),
      linkedA,
      linkedShareA: shareOf(linkedA, pa.side.records),
      linkedB,
      linkedShareB: shareOf(linkedB, pb.side.records),
    };
  }
  const strongest = strongestJoins(found);
  return {
    a: pa.side,
    b: pb.side,
    maxDistinct,
    truncated,
    ...found,
    strongest,
    verdict: linkVerdict(strongest, maxLinkShare),
  };
}

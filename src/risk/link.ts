// linkage risk of two files released to one recipient: which columns join (the same values, or the same keyed
// pseudonyms), and how many records link one to one, by a column pair or by the quasi-identifiers both files
// carry. Values are kept only as 53-bit hashes in bounded sets; nothing here returns or prints a value.
import { JikimiError } from "../errors.js";
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
  /** records holding a value that occurs exactly once in A and exactly once in B */
  oneToOne: number;
  oneToOneShareA: number;
  oneToOneShareB: number;
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
  };
}

/** Options of `linkFiles`. */
export interface LinkOptions {
  formatA?: RecordFormat;
  formatB?: RecordFormat;
  /** distinct values kept per column (default 1,000,000) */
  maxDistinct?: number;
}

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

function comparePair(a: ColumnProfile, b: ColumnProfile): { shared: number; oneToOne: number } {
  const av = a.values;
  const bv = b.values;
  if (av.size === 0 || bv.size === 0) return { shared: 0, oneToOne: 0 };
  if (av.size > SAMPLE_ABOVE) {
    // keys are hashes: "key mod 64 = 0" samples the same values on both sides
    let hit = false;
    for (let i = 0; i < av.size && !hit; i++) {
      const key = av.keys[i] as number;
      if (key % 64 === 0 && bv.get(key) > 0) hit = true;
    }
    if (!hit) return { shared: 0, oneToOne: 0 };
  }
  let shared = 0;
  let oneToOne = 0;
  for (let i = 0; i < av.size; i++) {
    const cb = bv.get(av.keys[i] as number);
    if (cb === 0) continue;
    shared++;
    if (cb === 1 && av.counts[i] === 1) oneToOne++;
  }
  return { shared, oneToOne };
}

/**
 * Compares every column of A with every column of B by their value sets, and the columns both name alike
 * as one tuple. Throws JikimiError (exit 2) for a missing, empty, binary or unreadable file.
 * @example await linkFiles("settlement.csv", "credit.csv")
 */
export async function linkFiles(a: string, b: string, options: LinkOptions = {}): Promise<LinkReport> {
  const maxDistinct = options.maxDistinct ?? 1_000_000;
  if (!Number.isInteger(maxDistinct) || maxDistinct < 1)
    throw new JikimiError("bad_option", "the bound on distinct values must be a positive integer");
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
      const { shared: common, oneToOne } = comparePair(ca, cb);
      if (common === 0) continue;
      pairs.push({
        a: ca.name,
        b: cb.name,
        kind: digestShaped(ca) && digestShaped(cb) ? "pseudonym" : "values",
        distinctA: ca.values.size,
        distinctB: cb.values.size,
        overlap: common / ca.values.size,
        oneToOne,
        oneToOneShareA: pa.side.records === 0 ? 0 : oneToOne / pa.side.records,
        oneToOneShareB: pb.side.records === 0 ? 0 : oneToOne / pb.side.records,
      });
    }
  }
  pairs.sort(
    (x, y) =>
      y.oneToOne - x.oneToOne || y.overlap - x.overlap || x.a.localeCompare(y.a) || x.b.localeCompare(y.b),
  );
  const report: LinkReport = { a: pa.side, b: pb.side, maxDistinct, truncated, pairs };
  if (pa.tuples !== undefined && pb.tuples !== undefined) {
    const ta = pa.tuples;
    const tb = pb.tuples;
    let uniqueInA = 0;
    let oneToOne = 0;
    for (let i = 0; i < ta.size; i++) {
      if (ta.counts[i] !== 1) continue;
      uniqueInA++;
      if (tb.get(ta.keys[i] as number) === 1) oneToOne++;
    }
    let uniqueInB = 0;
    for (let i = 0; i < tb.size; i++) if (tb.counts[i] === 1) uniqueInB++;
    report.quasiIdentifiers = {
      columns: shared,
      uniqueInA,
      uniqueInB,
      oneToOne,
      oneToOneShareA: pa.side.records === 0 ? 0 : oneToOne / pa.side.records,
      oneToOneShareB: pb.side.records === 0 ? 0 : oneToOne / pb.side.records,
    };
  }
  return report;
}

// a block of records as one byte buffer plus field offsets: what the release processor works on, whatever the
// input format. CSV blocks without quotes, CRs or invalid UTF-8 (almost every real block) are indexed in place
// by one byte loop; any other block goes through the RFC 4180 CsvReader (exact semantics for quotes, CRLF,
// bad quotes and bad encoding) and its string rows are packed into a fresh buffer. No field becomes a string
// here: the processor decodes only the fields it must look at.
import { Buffer, isUtf8 } from "node:buffer";
import { JikimiError } from "../../errors.js";
import { CsvReader } from "../../io/records/csv-reader.js";
import { separators } from "../../io/records/separators.js";
import type { RecordBatch, RecordError } from "../../io/records/types.js";
import { ByteSink, utf8Into } from "../transforms/column-codec.js";

const LF = 10;

/** A record left out of the table: where (block-local, 0-based) and why, never its values. */
export interface BadRecord {
  /** 0-based record index within the block (good and bad records counted) */
  record: number;
  /** 0-based physical line within the block, when known */
  line: number;
  code: RecordError["code"];
  column?: string;
  /** fields found, for a record with the wrong field count */
  fields?: number;
}

/**
 * The good records of a block. Field f of good record r ends at bytes[sep[r*width+f]] (the separator after it)
 * and starts at rowStart[r] for f = 0, else one past the previous field's end: `fieldStart`/`fieldEnd`.
 * `record[r]` is its 0-based record index within the block (bad records count too). `verbatim` is true when
 * every field's bytes are exactly what a CSV writer would emit for it (no quoting needed).
 */
export interface FieldTable {
  bytes: Uint8Array;
  sep: Int32Array;
  rowStart: Int32Array;
  width: number;
  rows: number;
  record: Int32Array;
  verbatim: boolean;
  bad: BadRecord[];
  /** records in the block, good and bad */
  records: number;
  /** physical lines in the block */
  lines: number;
}

/** A block-local problem that stops the run (an unterminated quote at the end of the file). */
export class BlockError extends Error {
  constructor(
    readonly code: string,
    readonly record: number,
    readonly line: number,
    readonly column: string | undefined,
  ) {
    super(code);
  }
}

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Indexes a CSV block whose bytes hold no quote, no CR and only valid UTF-8; returns undefined otherwise (the
 * caller then uses `tableFromCsvBlock`). Blank lines are skipped, a record with the wrong field count is bad.
 */
export function scanPlainCsv(
  block: Uint8Array,
  width: number,
  columns: readonly string[],
): FieldTable | undefined {
  if (!isUtf8(block)) return undefined;
  // every record ends in LF (the last block of a file may lack it): the loops need no bounds checks
  const endsInLf = block.length === 0 || block[block.length - 1] === LF;
  let bytes = block;
  if (!endsInLf) {
    bytes = new Uint8Array(block.length + 1);
    bytes.set(block);
    bytes[block.length] = LF;
  }
  const n = bytes.length;
  // every ',' and LF, in order: a record is the fields between consecutive separators up to a LF
  const { sep, lfs, special } = separators(bytes);
  if (special) return undefined;
  const regular = regularTable(bytes, sep, lfs, width);
  // lines counts the block's own LFs (not the one added above)
  if (regular) return endsInLf ? regular : { ...regular, lines: regular.lines - 1 };
  let out = new Int32Array(Math.max(1024, sep.length));
  let rowStart = new Int32Array(Math.max(1024, Math.ceil(sep.length / width)));
  let record = new Int32Array(rowStart.length);
  const bad: BadRecord[] = [];
  let rows = 0;
  let records = 0;
  let line = 0;
  let p = 0;
  let k = 0;
  while (p < n) {
    if (bytes[p] === LF) {
      p++;
      k++;
      line++;
      continue;
    }
    const base = rows * width;
    if (base + width > out.length) out = grow(out, base + width);
    const start = p;
    let f = 0;
    for (;;) {
      const end = sep[k++] as number;
      if (f < width) out[base + f] = end;
      f++;
      p = end + 1;
      if (bytes[end] === LF) break;
    }
    if (f === width) {
      if (rows >= record.length) {
        record = grow(record, rows + 1);
        rowStart = grow(rowStart, rows + 1);
      }
      rowStart[rows] = start;
      record[rows++] = records;
    } else {
      const column = columns[f];
      bad.push({
        record: records,
        line,
        code: "field_count",
        fields: f,
        ...(column === undefined ? {} : { column }),
      });
    }
    records++;
    line++;
  }
  return {
    bytes,
    sep: out,
    rowStart,
    width,
    rows,
    record,
    verbatim: true,
    bad,
    records,
    lines: endsInLf ? line : line - 1,
  };
}

/** Row starts of regular tables, reused block after block on a thread; records are the identity. */
let regularStarts = new Int32Array(0);
let regularRecords = new Int32Array(0);

/**
 * The common case in one read per record: every record has `width` fields and ends in LF, and no line is
 * blank. Holds when the LFs number the records and each record's last separator is a LF (then every other
 * separator is a comma, and with two or more columns a blank line cannot hide).
 */
function regularTable(
  bytes: Uint8Array,
  sep: Int32Array,
  lfs: number,
  width: number,
): FieldTable | undefined {
  const n = sep.length;
  if (width < 2 || n % width !== 0 || lfs !== n / width) return undefined;
  const rows = n / width;
  if (rows > regularStarts.length) {
    regularStarts = new Int32Array(Math.max(rows, regularStarts.length * 2));
    regularRecords = Int32Array.from({ length: regularStarts.length }, (_, r) => r);
  }
  const rowStart = regularStarts;
  let start = 0;
  for (let r = 0; r < rows; r++) {
    const end = sep[r * width + width - 1] as number;
    if (bytes[end] !== LF) return undefined;
    rowStart[r] = start;
    start = end + 1;
  }
  return {
    bytes,
    sep,
    rowStart,
    width,
    rows,
    record: regularRecords,
    verbatim: true,
    bad: [],
    records: rows,
    lines: rows,
  };
}

/** Where field f of good record r starts. */
export function fieldStart(t: FieldTable, r: number, f: number): number {
  return f === 0 ? (t.rowStart[r] as number) : (t.sep[r * t.width + f - 1] as number) + 1;
}

/** Where field f of good record r ends (exclusive). */
export function fieldEnd(t: FieldTable, r: number, f: number): number {
  return t.sep[r * t.width + f] as number;
}

/** Packs string rows (with their block-local record indexes) into a table; fields are written UTF-8. */
export function tableFromRows(
  rows: readonly (readonly string[])[],
  recordOf: (i: number) => number,
  width: number,
  extra: { bad: BadRecord[]; records: number; lines: number },
): FieldTable {
  const sink = new ByteSink(1 << 16);
  const sep = new Int32Array(Math.max(1, rows.length * width));
  const rowStart = new Int32Array(Math.max(1, rows.length));
  const record = new Int32Array(Math.max(1, rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    rowStart[r] = sink.length;
    for (let f = 0; f < width; f++) {
      utf8Into(sink, row[f] ?? "");
      sep[r * width + f] = sink.length;
      // a delimiter byte after each field keeps "start = previous end + 1"; nothing reads it
      sink.reserve(1);
      sink.bytes[sink.length++] = f === width - 1 ? LF : 44;
    }
    record[r] = recordOf(r);
  }
  return {
    bytes: sink.bytes.subarray(0, sink.length),
    sep,
    rowStart,
    width,
    rows: rows.length,
    record,
    verbatim: false,
    ...extra,
  };
}

/** Counts LF bytes. */
function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (let k = bytes.indexOf(LF); k >= 0; k = bytes.indexOf(LF, k + 1)) n++;
  return n;
}

/**
 * Any CSV block, through the RFC 4180 reader (the columns are known, the block has no header line).
 * Throws BlockError for a quote still open at the end of the block (the last block of the file).
 */
export function tableFromCsvBlock(bytes: Uint8Array, columns: string[]): FieldTable {
  const reader = new CsvReader({ columns, batchRows: 1 << 30 });
  let batches: RecordBatch[];
  try {
    batches = [...reader.push(bytes), ...reader.end()];
  } catch (e) {
    if (e instanceof JikimiError && e.code === "unterminated_quote") {
      const { row, line, column } = reader.position;
      throw new BlockError("unterminated_quote", row - 1, line - 1, column);
    }
    throw e;
  }
  const rows: string[][] = [];
  const recordOf: number[] = [];
  const bad: BadRecord[] = [];
  for (const b of batches) {
    let k = 0;
    const fieldsOf = new Map(b.bad.map((e, i) => [e.row, b.badRows[i]?.length ?? 0]));
    const sorted = [...b.bad].sort((x, y) => x.row - y.row);
    for (let row = b.firstRow, i = 0; i < b.rows.length || k < sorted.length; row++) {
      const e = sorted[k];
      if (e !== undefined && e.row === row) {
        bad.push({
          record: row - 1,
          line: e.line - 1,
          code: e.code,
          ...(e.column === undefined ? {} : { column: e.column }),
          ...(e.code === "field_count" ? { fields: fieldsOf.get(e.row) ?? 0 } : {}),
        });
        k++;
      } else {
        rows.push(b.rows[i++] as string[]);
        recordOf.push(row - 1);
      }
    }
  }
  const records = rows.length + bad.length;
  return tableFromRows(rows, (i) => recordOf[i] as number, columns.length, {
    bad,
    records,
    lines: countLf(bytes),
  });
}

/** The table of a CSV block: the in-place scan when it applies, else the full reader. */
export function tableOfCsvBlock(bytes: Uint8Array, columns: string[]): FieldTable {
  return scanPlainCsv(bytes, columns.length, columns) ?? tableFromCsvBlock(bytes, columns);
}

const utf8Slice = (
  Buffer.prototype as unknown as { utf8Slice: (this: Uint8Array, s: number, e: number) => string }
).utf8Slice;

/** Short ASCII values (booleans, codes, small numbers) are interned: no string is built for them per row. */
const interned = new Map<number, string>();

/** Field f of row r as a string (UTF-8). */
export function fieldText(t: FieldTable, r: number, f: number): string {
  const s = fieldStart(t, r, f);
  const e = fieldEnd(t, r, f);
  const b = t.bytes;
  if (e - s <= 6) {
    // up to 6 ASCII bytes and the length fit in a double exactly
    let key = e - s;
    let ascii = true;
    for (let i = s; i < e; i++) {
      const c = b[i] as number;
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      key = key * 128 + c;
    }
    if (ascii) {
      const hit = interned.get(key);
      if (hit !== undefined) return hit;
      const text = utf8Slice.call(b, s, e);
      if (interned.size < 65_536) interned.set(key, text);
      return text;
    }
  }
  return utf8Slice.call(b, s, e);
}

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
const QUOTE = 34;
const CR = 13;

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
 * The good records of a block. Field f of good record r spans bytes[pos[2(r*width+f)] .. pos[2(r*width+f)+1]).
 * `record[r]` is its 0-based record index within the block (bad records count too). `verbatim` is true when
 * every field's bytes are exactly what a CSV writer would emit for it (no quoting needed).
 */
export interface FieldTable {
  bytes: Uint8Array;
  pos: Int32Array;
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
  if (block.indexOf(QUOTE) >= 0 || block.indexOf(CR) >= 0) return undefined;
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
  const sep = separators(bytes);
  let pos = new Int32Array(Math.max(1024, sep.length) * 2);
  let record = new Int32Array(Math.max(1024, Math.ceil(sep.length / width)));
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
    const base = rows * width * 2;
    if (base + width * 2 > pos.length) pos = grow(pos, base + width * 2);
    let f = 0;
    for (;;) {
      const end = sep[k++] as number;
      if (f < width) {
        pos[base + 2 * f] = p;
        pos[base + 2 * f + 1] = end;
      }
      f++;
      p = end + 1;
      if (bytes[end] === LF) break;
    }
    if (f === width) {
      if (rows >= record.length) record = grow(record, rows + 1);
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
    pos,
    width,
    rows,
    record,
    verbatim: true,
    bad,
    records,
    lines: endsInLf ? line : line - 1,
  };
}

/** Packs string rows (with their block-local record indexes) into a table; fields are written UTF-8. */
export function tableFromRows(
  rows: readonly (readonly string[])[],
  recordOf: (i: number) => number,
  width: number,
  extra: { bad: BadRecord[]; records: number; lines: number },
): FieldTable {
  const sink = new ByteSink(1 << 16);
  const pos = new Int32Array(Math.max(1, rows.length * width * 2));
  const record = new Int32Array(Math.max(1, rows.length));
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly string[];
    for (let f = 0; f < width; f++) {
      pos[2 * (r * width + f)] = sink.length;
      utf8Into(sink, row[f] ?? "");
      pos[2 * (r * width + f) + 1] = sink.length;
    }
    record[r] = recordOf(r);
  }
  return {
    bytes: sink.bytes.subarray(0, sink.length),
    pos,
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
  const at = 2 * (r * t.width + f);
  const s = t.pos[at] as number;
  const e = t.pos[at + 1] as number;
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

// CSV blocks (whole records, no header line, cut by csv-blocks.ts) -> field tables. Blocks without quotes, CRs
// or invalid UTF-8 (almost every real block) are indexed in place by one byte loop over the separator positions;
// any other block goes through the tokeniser (exact semantics for quotes, CRLF, bad quotes and bad encoding) and
// its string rows are packed into a fresh buffer. Both paths skip blank lines and judge records by
// `recordProblem`'s rules, so they agree on every block (a property test holds them to it).
import { isUtf8 } from "node:buffer";
import { LF } from "./csv-syntax.js";
import { type CsvRecordSink, CsvTokenizer, recordProblem } from "./csv-tokenizer.js";
import { type BadRecord, BlockError, type FieldTable, tableFromRows } from "./field-table.js";
import { separators } from "./separators.js";

function grow(a: Int32Array<ArrayBuffer>, need: number): Int32Array<ArrayBuffer> {
  if (need <= a.length) return a;
  const next = new Int32Array(Math.max(need, a.length * 2));
  next.set(a);
  return next;
}

/**
 * Indexes a CSV block whose bytes hold no quote, no CR and only valid UTF-8; returns undefined otherwise (the
 * caller then uses `tableFromCsvBlock`). Blank lines are skipped, a record with the wrong field count is bad.
 * @example scanPlainCsv(new TextEncoder().encode("1,a\n2,b\n"), 2, ["id", "name"])?.rows // 2
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

/** Counts LF bytes. */
function countLf(bytes: Uint8Array): number {
  let n = 0;
  for (let k = bytes.indexOf(LF); k >= 0; k = bytes.indexOf(LF, k + 1)) n++;
  return n;
}

/** Collects a block's records for `tableFromCsvBlock`: good rows, bad records, and an open quote. */
class BlockRecords implements CsvRecordSink {
  readonly rows: string[][] = [];
  readonly recordOf: number[] = [];
  readonly bad: BadRecord[] = [];
  records = 0;

  constructor(private readonly columns: readonly string[]) {}

  record(fields: string[], line: number, badQuote: number, badEncoding: boolean): void {
    const record = this.records++;
    const problem = recordProblem(fields, this.columns, badQuote, badEncoding);
    if (problem === undefined) {
      this.rows.push(fields);
      this.recordOf.push(record);
      return;
    }
    this.bad.push({
      record,
      line: line - 1,
      ...problem,
      ...(problem.code === "field_count" ? { fields: fields.length } : {}),
    });
  }

  openQuote(field: number, line: number): void {
    throw new BlockError("unterminated_quote", this.records, line - 1, this.columns[field]);
  }
}

/**
 * Any CSV block, through the tokeniser (the columns are known, the block has no header line).
 * Throws BlockError for a quote still open at the end of the block (the last block of the file).
 * @example tableFromCsvBlock(new TextEncoder().encode('1,"a,b"\n'), ["id", "name"]).rows // 1
 */
export function tableFromCsvBlock(bytes: Uint8Array, columns: string[]): FieldTable {
  const sink = new BlockRecords(columns);
  // a block is already cut to whole records: no line cap
  const tokens = new CsvTokenizer(sink, { maxLineBytes: Number.MAX_SAFE_INTEGER });
  tokens.push(bytes);
  tokens.end();
  return tableFromRows(sink.rows, (i) => sink.recordOf[i] as number, columns.length, {
    bad: sink.bad,
    records: sink.records,
    lines: countLf(bytes),
  });
}

/**
 * The table of a CSV block: the in-place scan when it applies, else the tokeniser.
 * @example tableOfCsvBlock(bytes, ["id", "name"])
 */
export function tableOfCsvBlock(bytes: Uint8Array, columns: string[]): FieldTable {
  return scanPlainCsv(bytes, columns.length, columns) ?? tableFromCsvBlock(bytes, columns);
}

// RFC 4180 CSV -> RecordBatch: bytes are cut at line ends, validated and decoded once per block, then scanned
// char by char; a field is a slice of the block's string. Header required; per-row problems land in `bad`.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { capText, decodeBlock, LineBlocks, MAX_LINE_BYTES } from "./blocks.js";
import { BatchBuilder, type RecordBatch, type RecordError } from "./types.js";

const COMMA = 44;
const QUOTE = 34;
const CR = 13;
const LF = 10;
const SLICE = 65_536;

/** Options of a CSV reader. */
export interface CsvReaderOptions {
  /** records per batch (good and bad); default 2,048: larger batches outlive the young generation and cost 40% more in GC */
  batchRows?: number;
  /** how messages name the input, e.g. its path; default "input" */
  name?: string;
  /** the columns, when the input holds no header line (a block cut from the middle of a file) */
  columns?: string[];
  /** longest line, and longest record (a quoted field may span lines), in bytes; default 32 MiB */
  maxLineBytes?: number;
}

/**
 * A push parser: `push` byte chunks of any size, then `end`; each returns the batches completed so far.
 * Quoted fields may hold `,` `""` CR and LF; records end at LF, CRLF or a lone CR; blank lines are skipped; a
 * UTF-8 BOM is dropped. Throws `JikimiError` (exit 2) for an empty or binary file, a bad header, or a quote
 * left open at the end of the file.
 * @example const r = new CsvReader(); const batches = [...r.push(bytes), ...r.end()];
 */
export class CsvReader {
  private readonly blocks: LineBlocks;
  private readonly name: string;
  private readonly batchRows: number;
  private carry = "";
  /** physical line of the next record's start */
  private line = 1;
  /** physical line of the first byte of the next block */
  private blockLine = 1;
  private row = 0;
  private out: BatchBuilder | undefined;
  private width = 0;
  private readonly badLines = new Set<number>();
  private readonly max: number;

  constructor(options: CsvReaderOptions = {}) {
    this.name = options.name ?? "input";
    this.batchRows = options.batchRows ?? 2048;
    this.max = options.maxLineBytes ?? MAX_LINE_BYTES;
    this.blocks = new LineBlocks(this.name, {
      maxLineBytes: this.max,
      tooLong: (max) => this.tooLong(t("io.line", { line: this.blockLine }), max),
    });
    if (options.columns !== undefined) {
      this.width = options.columns.length;
      this.out = new BatchBuilder(options.columns, this.batchRows);
    }
  }

  /** The header's columns, once it has been read. */
  get columns(): string[] | undefined {
    return this.out?.columns;
  }

  /** The data row and physical line the next record starts at (1-based; the header is line 1). */
  get position(): { row: number; line: number; column?: string } {
    return {
      row: this.row + 1,
      line: this.line,
      ...(this.openColumn === undefined ? {} : { column: this.openColumn }),
    };
  }

  private tooLong(where: string, max: number): JikimiError {
    return new JikimiError(
      "line_too_long",
      t("io.csv.too_long", { input: this.name, where, cap: capText(max) }),
      {
        hint: t("io.csv.too_long_hint"),
      },
    );
  }

  /** The column of a quoted field left open at the end of the input (set when `end` throws for it). */
  private openColumn: string | undefined;

  /** Feeds a chunk of the file. */
  push(chunk: Uint8Array): RecordBatch[] {
    const block = this.blocks.push(chunk);
    if (block !== undefined) this.feed(block, false);
    return this.out?.take() ?? [];
  }

  /** Ends the file: parses what is left and returns the last batches. */
  end(): RecordBatch[] {
    this.feed(this.blocks.end() ?? new Uint8Array(0), true);
    if (this.out === undefined) {
      throw new JikimiError("empty_file", t("io.csv.empty", { input: this.name }), {
        hint: t("io.csv.empty_hint"),
      });
    }
    this.out.flush();
    return this.out.take();
  }

  private feed(bytes: Uint8Array, final: boolean): void {
    const { text, badLines } = decodeBlock(bytes);
    for (const l of badLines) this.badLines.add(this.blockLine + l);
    const s = this.carry === "" ? text : this.carry + text;
    const stop = this.parse(s, final);
    this.carry = stop < s.length ? s.slice(stop) : "";
    // a record still open after this many characters (a quote left open) is refused before it grows further
    if (this.carry.length > this.max)
      throw this.tooLong(t("io.row_line", { row: this.row + 1, line: this.line }), this.max);
    this.blockLine = this.line + countLf(this.carry);
  }

  /** Parses whole records from `s`; returns where the first incomplete record starts (s.length if none). */
  private parse(s: string, final: boolean): number {
    const n = s.length;
    let i = 0;
    let line = this.line;
    while (i < n) {
      const rowStart = i;
      const rowLine = line;
      let c = s.charCodeAt(i);
      if (c === LF || c === CR) {
        // a blank line
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        continue;
      }
      const fields: string[] = [];
      let badQuote = -1;
      for (;;) {
        let j = i;
        if (c === QUOTE) {
          let value = "";
          let start = i + 1;
          for (;;) {
            const q = s.indexOf('"', start);
            if (q < 0) {
              if (!final) {
                this.line = rowLine;
                return rowStart;
              }
              this.line = rowLine;
              throw this.unterminated(fields.length);
            }
            for (let k = s.indexOf("\n", start); k >= 0 && k < q; k = s.indexOf("\n", k + 1)) line++;
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(start, q + 1);
              start = q + 2;
              continue;
            }
            value += s.slice(start, q);
            j = q + 1;
            break;
          }
          c = j < n ? s.charCodeAt(j) : -1;
          if (c !== COMMA && c !== LF && c !== CR && c !== -1) {
            // text after the closing quote: keep it, flag the record
            if (badQuote < 0) badQuote = fields.length;
            const from = j;
            while (j < n) {
              c = s.charCodeAt(j);
              if (c === COMMA || c === LF || c === CR) break;
              j++;
            }
            if (j === n) c = -1;
            value += s.slice(from, j);
          }
          fields.push(value);
        } else {
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === COMMA || c === LF || c === CR) break;
            if (c === QUOTE && badQuote < 0) badQuote = fields.length;
            j++;
          }
          if (j === n) c = -1;
          fields.push(s.slice(i, j));
        }
        if (c === COMMA) {
          i = j + 1;
          c = i < n ? s.charCodeAt(i) : -1;
          continue;
        }
        if (c === -1) {
          if (!final) {
            this.line = rowLine;
            return rowStart;
          }
          i = n;
        } else i = c === CR && s.charCodeAt(j + 1) === LF ? j + 2 : j + 1;
        line++;
        break;
      }
      this.record(fields, rowLine, line, badQuote);
    }
    this.line = line;
    return n;
  }

  private record(fields: string[], line: number, nextLine: number, badQuote: number): void {
    const out = this.out;
    if (out === undefined) {
      this.header(fields, line, nextLine, badQuote);
      return;
    }
    const row = ++this.row;
    if (fields.length !== this.width) {
      const missing = out.columns[fields.length];
      this.bad(out, fields, {
        code: "field_count",
        row,
        line,
        ...(missing === undefined ? {} : { column: missing }),
        message: t("io.csv.field_count", {
          row,
          line,
          fields: fields.length,
          width: this.width,
          missing: missing === undefined ? "" : t("io.csv.column_missing", { column: missing }),
        }),
      });
    } else if (badQuote >= 0) {
      const column = out.columns[badQuote] ?? "";
      this.bad(out, fields, {
        code: "bad_quote",
        row,
        line,
        column,
        message: t("io.csv.bad_quote", { row, line, column }),
      });
    } else if (this.badLines.size > 0 && this.hasBadLine(line, nextLine)) {
      const at = fields.findIndex((f) => f.includes("\uFFFD"));
      const column = at < 0 ? undefined : out.columns[at];
      this.bad(out, fields, {
        code: "bad_encoding",
        row,
        line,
        ...(column === undefined ? {} : { column }),
        message: t("io.csv.bad_encoding", {
          where: t("io.row_line", { row, line }),
          column: column === undefined ? "" : t("io.in_column", { column }),
        }),
      });
    } else out.rows.push(fields);
    out.check();
  }

  private bad(out: BatchBuilder, fields: string[], error: RecordError): void {
    out.bad.push(error);
    out.badRows.push(fields);
  }

  private hasBadLine(from: number, to: number): boolean {
    let found = false;
    for (let l = from; l < to; l++) if (this.badLines.delete(l)) found = true;
    return found;
  }

  private header(fields: string[], line: number, nextLine: number, badQuote: number): void {
    const fix = (what: string, hint: string) =>
      new JikimiError("bad_header", t("io.csv.header", { input: this.name, line, what }), { hint });
    if (this.badLines.size > 0 && this.hasBadLine(line, nextLine)) {
      throw fix(t("io.csv.header_encoding"), t("io.csv.header_encoding_hint"));
    }
    if (badQuote >= 0)
      throw fix(t("io.csv.header_quote", { column: badQuote + 1 }), t("io.csv.header_quote_hint"));
    const seen = new Set<string>();
    fields.forEach((name, k) => {
      if (name === "")
        throw fix(t("io.csv.header_unnamed", { column: k + 1 }), t("io.csv.header_unnamed_hint"));
      if (seen.has(name))
        throw fix(t("io.csv.header_twice", { column: name }), t("io.csv.header_twice_hint"));
      seen.add(name);
    });
    this.width = fields.length;
    this.out = new BatchBuilder(fields, this.batchRows);
  }

  private unterminated(field: number): JikimiError {
    this.openColumn = this.out?.columns[field];
    const where =
      this.out === undefined
        ? t("io.csv.header_where", { line: this.line })
        : t("io.row_line", { row: this.row + 1, line: this.line }) +
          t("io.in_column", { column: this.out.columns[field] ?? String(field + 1) });
    return new JikimiError("unterminated_quote", t("io.csv.open_quote", { input: this.name, where }), {
      hint: t("io.csv.open_quote_hint"),
    });
  }
}

function countLf(s: string): number {
  let n = 0;
  for (let k = s.indexOf("\n"); k >= 0; k = s.indexOf("\n", k + 1)) n++;
  return n;
}

/** Parses a whole CSV file held in memory. */
export function parseCsv(bytes: Uint8Array, options: CsvReaderOptions = {}): RecordBatch[] {
  const reader = new CsvReader(options);
  return [...reader.push(bytes), ...reader.end()];
}

/** Reads CSV from a stream of byte chunks (e.g. `fs.createReadStream`). */
export async function* readCsv(
  source: AsyncIterable<Uint8Array>,
  options: CsvReaderOptions = {},
): AsyncGenerator<RecordBatch> {
  const reader = new CsvReader(options);
  // 64 KB at a time, so a block's records are consumed (and die young) before the next block is parsed
  for await (const chunk of source) {
    for (let at = 0; at < chunk.length; at += SLICE) yield* reader.push(chunk.subarray(at, at + SLICE));
  }
  yield* reader.end();
}

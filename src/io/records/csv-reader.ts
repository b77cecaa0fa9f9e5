// RFC 4180 CSV -> RecordBatch: the tokeniser's records, the first one read as the header (names required, each
// once), the others checked against it by `recordProblem`; per-row problems land in `bad` with their messages.
import { JikimiError } from "../../errors.js";
import { t } from "../../i18n/index.js";
import { capText } from "./blocks.js";
import { type CsvRecordSink, CsvTokenizer, recordProblem } from "./csv-tokenizer.js";
import { BatchBuilder, type RecordBatch, type RecordError } from "./types.js";

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
  private readonly tokens: CsvTokenizer;
  private readonly name: string;
  private readonly batchRows: number;
  private row = 0;
  private out: BatchBuilder | undefined;
  /** the column of a quoted field left open at the end of the input (set when `end` throws for it) */
  private openColumn: string | undefined;

  constructor(options: CsvReaderOptions = {}) {
    this.name = options.name ?? "input";
    this.batchRows = options.batchRows ?? 2048;
    const sink: CsvRecordSink = {
      record: (fields, line, badQuote, badEncoding) => this.record(fields, line, badQuote, badEncoding),
      openQuote: (field, line) => this.openQuote(field, line),
    };
    this.tokens = new CsvTokenizer(sink, {
      name: this.name,
      ...(options.maxLineBytes === undefined ? {} : { maxLineBytes: options.maxLineBytes }),
      tooLong: (line, open, max) =>
        new JikimiError(
          "line_too_long",
          t("io.csv.too_long", {
            input: this.name,
            where: open ? t("io.row_line", { row: this.row + 1, line }) : t("io.line", { line }),
            cap: capText(max),
          }),
          { hint: t("io.csv.too_long_hint") },
        ),
    });
    if (options.columns !== undefined) this.out = new BatchBuilder(options.columns, this.batchRows);
  }

  /** The header's columns, once it has been read. */
  get columns(): string[] | undefined {
    return this.out?.columns;
  }

  /** The data row and physical line the next record starts at (1-based; the header is line 1). */
  get position(): { row: number; line: number; column?: string } {
    return {
      row: this.row + 1,
      line: this.tokens.line,
      ...(this.openColumn === undefined ? {} : { column: this.openColumn }),
    };
  }

  /** Feeds a chunk of the file. */
  push(chunk: Uint8Array): RecordBatch[] {
    this.tokens.push(chunk);
    return this.out?.take() ?? [];
  }

  /** Ends the file: parses what is left and returns the last batches. */
  end(): RecordBatch[] {
    this.tokens.end();
    if (this.out === undefined) {
      throw new JikimiError("empty_file", t("io.csv.empty", { input: this.name }), {
        hint: t("io.csv.empty_hint"),
      });
    }
    this.out.flush();
    return this.out.take();
  }

  private record(fields: string[], line: number, badQuote: number, badEncoding: boolean): void {
    const out = this.out;
    if (out === undefined) {
      this.header(fields, line, badQuote, badEncoding);
      return;
    }
    const row = ++this.row;
    const problem = recordProblem(fields, out.columns, badQuote, badEncoding);
    if (problem === undefined) out.rows.push(fields);
    else {
      out.bad.push({
        ...problem,
        row,
        line,
        message: this.message(problem.code, row, line, fields, problem.column),
      });
      out.badRows.push(fields);
    }
    out.check();
  }

  private message(
    code: RecordError["code"],
    row: number,
    line: number,
    fields: string[],
    column?: string,
  ): string {
    if (code === "field_count")
      return t("io.csv.field_count", {
        row,
        line,
        fields: fields.length,
        width: this.out?.columns.length ?? 0,
        missing: column === undefined ? "" : t("io.csv.column_missing", { column }),
      });
    if (code === "bad_quote") return t("io.csv.bad_quote", { row, line, column: column ?? "" });
    return t("io.csv.bad_encoding", {
      where: t("io.row_line", { row, line }),
      column: column === undefined ? "" : t("io.in_column", { column }),
    });
  }

  private header(fields: string[], line: number, badQuote: number, badEncoding: boolean): void {
    const fix = (what: string, hint: string) =>
      new JikimiError("bad_header", t("io.csv.header", { input: this.name, line, what }), { hint });
    if (badEncoding) throw fix(t("io.csv.header_encoding"), t("io.csv.header_encoding_hint"));
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
    this.out = new BatchBuilder(fields, this.batchRows);
  }

  /** A quoted field left open at the end of the file: refused. */
  private openQuote(field: number, line: number): void {
    this.openColumn = this.out?.columns[field];
    const where =
      this.out === undefined
        ? t("io.csv.header_where", { line })
        : t("io.row_line", { row: this.row + 1, line }) +
          t("io.in_column", { column: this.out.columns[field] ?? String(field + 1) });
    throw new JikimiError("unterminated_quote", t("io.csv.open_quote", { input: this.name, where }), {
      hint: t("io.csv.open_quote_hint"),
    });
  }
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
